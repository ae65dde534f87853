from django.apps import AppConfig


class CoachingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "coaching"

    def ready(self) -> None:
        # Fill planner's extension points: the plan page's coaching panels and the data export.
        from coaching import extensions

        extensions.register()
