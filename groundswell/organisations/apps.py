from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "groundswell.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from groundswell.api.routers import register_router
        from groundswell.organisations import notifying, receivers
        from groundswell.organisations.api import router

        receivers.connect()
        notifying.connect()
        register_router(router)

        from groundswell.audit.models import register_action
        from groundswell.organisations import services

        register_action(services.AUDIT_VERIFIED, _("Verified an organisation"))
        register_action(services.AUDIT_UNVERIFIED, _("Removed an organisation's verification"))

        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.organisations.permissions import can_see_verification_queue

        register_staff_screen(
            "organisations",
            _("Organisations to verify"),
            "organisations:to_verify",
            can_see_verification_queue,
        )
