from django.apps import AppConfig


class CareerpathConfig(AppConfig):
    """The project package as an app, for its signal receivers."""

    name = "careerpath"
    verbose_name = "CareerPath"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from careerpath.middleware import session_touch

        # A fresh login counts as activity, so the first page after it writes no session again.
        user_logged_in.connect(lambda sender, request, user, **kwargs: session_touch(request.session), weak=False)
