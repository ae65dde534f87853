"""
Read values out of untrusted JSON, recording an error with its path in the file for each bad one.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext

from roles.graph_file.shape import BOOLEAN, CHOICE, EDUCATION, EDUCATION_BY_NAME, INTEGER, LINES, NUMBER, FieldShape


def _between(low, high, value) -> str:
    return gettext("must be between %(low)s and %(high)s, not %(value)s") % {"low": low, "high": high, "value": value}


def _one_of(choices: Iterable[str], value: Any) -> str:
    return gettext("must be one of %(choices)s, not %(value)r") % {"choices": ", ".join(choices), "value": value}


class Reader:
    """Collects values from untrusted JSON, recording an error with its path for each bad one."""

    def __init__(self, known_sources: set[str] | None = None) -> None:
        self.errors: list[str] = []
        # The source keys a ``source`` field may hold; None accepts any.
        self.known_sources = known_sources

    def error(self, path: str, message: str) -> None:
        self.errors.append(f"{path}: {message}")

    def obj(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.error(path, gettext("must be an object"))
            return None
        return value

    def list(self, value: Any, path: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(path, gettext("must be a list"))
            return []
        return value

    def unknown_keys(self, data: dict, allowed: Iterable[str], path: str) -> None:
        for key in sorted(set(data) - set(allowed)):
            self.error(f"{path}.{key}", gettext("is not a known field"))

    def text(self, data: dict, key: str, path: str, *, required: bool = False, max_length: int | None = None) -> str:
        value = data.get(key, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.error(f"{path}.{key}", gettext("must be text"))
            return ""
        value = value.strip()
        if required and not value:
            self.error(f"{path}.{key}", gettext("is required"))
        if max_length is not None and len(value) > max_length:
            self.error(f"{path}.{key}", gettext("is longer than %(count)s characters") % {"count": max_length})
        return value

    def source(self, data: dict, key: str, path: str) -> str:
        """A source key: "" for none, else the key of a known source record."""
        value = self.text(data, key, path, max_length=120)
        self.known_source(value, f"{path}.{key}")
        return value

    def known_source(self, value: str, path: str) -> None:
        if value and self.known_sources is not None and value not in self.known_sources:
            self.error(
                path, gettext("names no known source: %(value)r (see roles/data/sources.json)") % {"value": value}
            )

    def lines(self, data: dict, key: str, path: str) -> str:
        items = self.list(data.get(key), f"{path}.{key}")
        out = []
        for index, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.error(f"{path}.{key}[{index}]", gettext("must be non-empty text"))
            elif "\n" in item:
                self.error(f"{path}.{key}[{index}]", gettext("must be a single line"))
            else:
                out.append(item.strip())
        return "\n".join(out)

    def boolean(self, data: dict, key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.error(f"{path}.{key}", gettext("must be true or false"))
            return False
        return value

    def integer(self, data: dict, key: str, path: str, *, low: int, high: int, required: bool = False) -> int | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", gettext("is required"))
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(f"{path}.{key}", gettext("must be a whole number"))
            return None
        if not low <= value <= high:
            self.error(f"{path}.{key}", _between(low, high, value))
            return None
        return value

    def number(
        self,
        data: dict,
        key: str,
        path: str,
        *,
        low: Decimal | None = None,
        high: Decimal | None = None,
        required: bool = False,
    ) -> Decimal | None:
        value = data.get(key)
        if value is None:
            if required:
                self.error(f"{path}.{key}", gettext("is required"))
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(f"{path}.{key}", gettext("must be a number"))
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            self.error(f"{path}.{key}", gettext("must be a number"))
            return None
        if not number.is_finite():
            self.error(f"{path}.{key}", gettext("must be a finite number"))
            return None
        if (low is not None and number < low) or (high is not None and number > high):
            self.error(f"{path}.{key}", _between(low, high, value))
            return None
        return number

    def choice(self, data: dict, key: str, path: str, choices: Collection[str], *, default: str | None = None) -> str:
        value = data.get(key, default)
        if value not in choices:
            choices = list(choices)
            self.error(f"{path}.{key}", _one_of(choices, value))
            return choices[0]
        return value

    def education(self, data: dict, key: str, path: str, *, nullable: bool) -> int | None:
        value = data.get(key, None if nullable else "none")
        if value is None and nullable:
            return None
        if value not in EDUCATION_BY_NAME:
            self.error(f"{path}.{key}", _one_of(EDUCATION_BY_NAME, value))
            return None
        return EDUCATION_BY_NAME[value]

    def field(self, data: dict, shape: FieldShape, path: str) -> Any:
        """Read one field as its shape says (see ``roles.graph_file.shape``)."""
        key = shape.name
        if shape.kind == LINES:
            return self.lines(data, key, path)
        if shape.kind == BOOLEAN:
            return self.boolean(data, key, path)
        if shape.kind == CHOICE:
            return self.choice(data, key, path, shape.choices)
        if shape.kind == EDUCATION:
            return self.education(data, key, path, nullable=shape.nullable)
        if shape.kind == INTEGER:
            return self.integer(data, key, path, low=shape.low, high=shape.high, required=shape.required)
        if shape.kind == NUMBER:
            number = self.number(data, key, path, low=shape.low, high=shape.high, required=shape.required)
            return number if number is not None or shape.nullable else Decimal(0)
        return self.text(data, key, path, required=shape.required)
