from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Safeguarding listens to nobody: each kind's app calls services.content_published and
    content_edited when its content is published or changed, and declares the words to check
    (`safeguarding_text` in the content registry)."""

    name = "groundswell.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.safeguarding.permissions import can_handle_alerts
        from groundswell.safeguarding.selectors import open_alert_count

        register_staff_screen(
            "safeguarding",
            _("Safeguarding alerts"),
            "safeguarding:alerts",
            can_handle_alerts,
            count=open_alert_count,
        )

        from groundswell.audit.models import register_action
        from groundswell.places.permissions import is_organiser_or_admin
        from groundswell.safeguarding import services

        register_action(services.AUDIT_HELPLINE_CHANGED, _("Changed a help line"))
        register_staff_screen(
            "helplines",
            _("Help lines"),
            "staff_helplines:list",
            is_organiser_or_admin,
        )
