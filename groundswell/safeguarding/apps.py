from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Safeguarding listens to nobody: each kind's app calls services.content_published and
    content_edited when its content is published or changed, and declares the words to check
    (`safeguarding_text` in the content registry)."""

    name = "groundswell.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.safeguarding.permissions import can_handle_alerts

        register_staff_screen(
            "safeguarding", "Safeguarding alerts", "safeguarding:alerts", can_handle_alerts
        )
