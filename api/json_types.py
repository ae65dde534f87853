"""
Request bodies are JSON, and a field takes the JSON type the schema gives it.

DRF's fields are lenient for HTML forms (``"5"`` for a number, ``5`` for text); in a JSON body
that leniency would accept requests the OpenAPI document calls invalid.
"""

from collections.abc import Mapping

from rest_framework import serializers

# Most specific first: BooleanField before IntegerField, because bool is an int in Python.
_RULES = (
    (serializers.BooleanField, (bool,), "Give true or false."),
    (serializers.IntegerField, (int,), "Give a whole number."),
    ((serializers.FloatField, serializers.DecimalField), (int, float), "Give a number."),
    ((serializers.CharField, serializers.DateField, serializers.RelatedField), (str,), "Give text."),
    (serializers.ListField, (list,), "Give a list."),
)


def _json_type_error(field: serializers.Field, value) -> str | None:
    """The message for a value of the wrong JSON type, or None (null is the field's own business)."""
    if value is None:
        return None
    for kind, types, message in _RULES:
        if isinstance(field, kind):
            if (isinstance(value, bool) and bool not in types) or not isinstance(value, types):
                return message
            if isinstance(field, serializers.ListField):
                return next(filter(None, (_json_type_error(field.child, item) for item in value)), None)
            return None
    return None


class JsonSerializer(serializers.Serializer):
    """A serializer for a JSON request body: each field's value must already have its JSON type."""

    def to_internal_value(self, data):
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                if name in data and not field.read_only:
                    message = _json_type_error(field, data[name])
                    if message:
                        errors[name] = [message]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)
