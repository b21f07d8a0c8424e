from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "groundswell.privacy"
    label = "privacy"
    verbose_name = "People's data rights"

    def ready(self) -> None:
        from groundswell.privacy import checks  # noqa: F401  (registers system checks)
