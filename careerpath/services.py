"""Helpers every app's services share."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import models


def set_changed_fields(instance: models.Model, values: Mapping[str, Any]) -> list[str]:
    """Set the fields whose value differs (nothing is saved); return their names (empty: none did)."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed
