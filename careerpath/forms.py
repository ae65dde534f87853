"""Form helpers every app shares."""

from django import forms
from django.core.exceptions import ValidationError

from careerpath.converters import MAX_ID


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form's fields, or above the form when no field matches."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ModelMultipleIdField(forms.ModelMultipleChoiceField):
    """
    Ticked rows by id, refusing an id no database integer can hold (either sign) as "not a valid value".

    Django's field checks an id's type but not its size, and SQLite raises OverflowError (a
    server error) on a number beyond 64 bits.
    """

    def clean(self, value):
        for item in value if isinstance(value, list | tuple) else ():
            text = str(item).strip()
            digits = text.removeprefix("-")
            if digits.isdigit() and (len(digits) > len(str(MAX_ID)) or int(digits) > MAX_ID):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": text[:20]}
                )
        return super().clean(value)
