from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from api.tokens import tokens_export
        from planner import extensions

        extensions.register_export_section(key="access_tokens", section=tokens_export)
