from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from api.models import PersonalAccessToken
from api.tokens import token_authenticate


class PersonalAccessTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer cp_…``: a personal access token made on the tokens page."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0].lower() != self.keyword.lower():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Give the token after “Bearer ”, with no spaces in it.")
        token = token_authenticate(header[1])
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("This token is not valid: it is mistyped or was revoked.")
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class TokenScopePermission(permissions.BasePermission):
    """A read-only token may only read; the session (the browser) and read-write tokens may also write."""

    message = "This token can only read. Make a read-write token to change things."

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, PersonalAccessToken) or token.can_write


class PersonalAccessTokenScheme(OpenApiAuthenticationExtension):
    target_class = PersonalAccessTokenAuthentication
    name = "personalAccessToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token from /api/tokens/ (`cp_…`). Read tokens cannot write.",
        }
