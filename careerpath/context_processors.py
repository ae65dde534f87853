"""Template context the whole site shares."""

from django.http import HttpRequest


def security(request: HttpRequest) -> dict[str, object]:
    """
    Expose the CSP nonce as ``csp_nonce`` and the request id as ``request_id``.

    django-htmx's ``{% htmx_script %}`` reads ``csp_nonce``, a name django-csp 4 does not set (it
    sets ``CSP_NONCE``). The nonce is lazy: a page that never uses it sends no nonce in its header.
    """
    return {
        "csp_nonce": getattr(request, "csp_nonce", None),
        "request_id": getattr(request, "request_id", ""),
    }
