from django.http import HttpRequest

from roles.citations import Citations


def citations(request: HttpRequest) -> dict:
    """A fresh set of footnotes for every page (``roles.citations``)."""
    return {"citations": Citations()}
