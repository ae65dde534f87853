"""Path converters shared by the apps' URLs."""

# Ids are 64-bit database integers.
MAX_ID = 2**63 - 1


class IdConverter:
    """A database id in an address: 1 to 2**63 - 1. Anything else is not found, never an overflow."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 < number <= MAX_ID:
            raise ValueError(f"{value} is not a database id")
        return number

    def to_url(self, value) -> str:
        return str(int(value))
