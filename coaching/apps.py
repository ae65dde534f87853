from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coaching"
    verbose_name = _("Coaching")

    def ready(self) -> None:
        # Fill planner's extension points: the plan page's coaching panels and the data export.
        from coaching import extensions

        extensions.register()
