from django.apps import AppConfig


class RolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roles"
    verbose_name = "Role graph"

    def ready(self) -> None:
        from roles import signals

        signals.connect()
