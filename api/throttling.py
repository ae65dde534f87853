from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class _RatesFromSettings:
    """Read the rate on each request, so a change of ``REST_FRAMEWORK`` (a test, a deploy) applies."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AnonThrottle(_RatesFromSettings, AnonRateThrottle):
    """Per client address, for requests without a login or token."""


class UserThrottle(_RatesFromSettings, UserRateThrottle):
    """Per person, whichever way they authenticate."""
