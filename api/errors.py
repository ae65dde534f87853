"""
Every error the API answers is an RFC 9457 problem: ``type``, ``title``, ``status``, ``detail``.

Validation problems add ``errors``: one entry per wrong field (or query parameter) with a message
a person can read. Django's ``Http404``, ``PermissionDenied`` and ``ValidationError`` (raised by
the access functions and services the API shares with the pages) become the same shape.
"""

from __future__ import annotations

from http import HTTPStatus

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://careerpath.example/problems/"

# A stable, documented ``type`` per kind of problem (clients switch on it, not on the wording).
PROBLEM_TYPES = {
    400: "invalid-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    406: "not-acceptable",
    409: "conflict",
    415: "unsupported-media-type",
    429: "too-many-requests",
}

NON_FIELD = "non_field_errors"


def _flatten(detail, path: str = "") -> list[dict]:
    """Turn DRF's nested error detail into a flat list of ``{"field", "message"}``."""
    if isinstance(detail, dict):
        errors = []
        for key, value in detail.items():
            if isinstance(key, int):  # an item of a list field
                errors += _flatten(value, f"{path}[{key}]")
                continue
            name = "" if key == NON_FIELD else str(key)
            errors += _flatten(value, f"{path}.{name}" if path and name else (name or path))
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [{"field": path or None, "message": str(item)} for item in detail]
        errors = []
        for index, item in enumerate(detail):
            errors += _flatten(item, f"{path}[{index}]" if path else f"[{index}]")
        return errors
    return [{"field": path or None, "message": str(detail)}]


class StepChanged(exceptions.APIException):
    """The step was saved since the client read it, with other values: the save would overwrite that."""

    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    def __init__(self, saved) -> None:
        super().__init__(
            f"This step was changed since you read it (it is now at version {saved.version}). "
            "Read it again, then send your change with that version."
        )


def problem(status_code: int, detail: str, *, errors: list[dict] | None = None) -> dict:
    body = {
        "type": PROBLEM_BASE + PROBLEM_TYPES.get(status_code, "error"),
        "title": HTTPStatus(status_code).phrase,
        "status": status_code,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return body


def problem_exception_handler(exc, context):
    """DRF's handler, then the body rewritten as a problem; unexpected errors still reach Django's 500."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = _flatten(exc.detail)
        detail = errors[0]["message"] if len(errors) == 1 else f"The request has {len(errors)} problems; see errors."
        body = problem(status.HTTP_400_BAD_REQUEST, detail, errors=errors)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        body = problem(response.status_code, str(detail))
    response.data = body
    response.content_type = PROBLEM_CONTENT_TYPE
    return response
