from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenReferralConfig(AppConfig):
    name = "groundswell.openreferral"
    label = "openreferral"
    verbose_name = _("Open Referral UK")

    def ready(self) -> None:
        from groundswell.audit.models import register_action
        from groundswell.core.staff import is_administrator
        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.openreferral import services

        register_action(services.AUDIT_IMPORTED, _("Imported an Open Referral file"))
        register_staff_screen(
            "openreferral", _("Open Referral import"), "staff_openreferral:import", is_administrator
        )
