"""Template context the whole site shares."""

from csp.constants import NONCE
from django.conf import settings
from django.http import HttpRequest


def _policy_uses_nonce() -> bool:
    directives = settings.CONTENT_SECURITY_POLICY.get("DIRECTIVES", {})
    return any(NONCE in sources for sources in directives.values())


def security(request: HttpRequest) -> dict[str, object]:
    """
    Expose the CSP nonce as ``csp_nonce`` and the request id as ``request_id``.

    django-htmx's ``{% htmx_script %}`` reads ``csp_nonce``, a name django-csp 4 does not set (it
    sets ``CSP_NONCE``). The nonce is given only when a directive asks for one (``csp.constants.NONCE``):
    today's policy needs none (scripts come from 'self'), and a nonce nobody checks would only make
    every page differ from the next.
    """
    return {
        "csp_nonce": getattr(request, "csp_nonce", None) if _policy_uses_nonce() else None,
        "request_id": getattr(request, "request_id", ""),
    }
