from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    name = "groundswell.messaging"
    label = "messaging"
    verbose_name = "Messages"

    def ready(self) -> None:
        from groundswell.messaging import notifying, receivers

        notifying.register_types()
        receivers.connect()

        from groundswell.audit.models import register_action
        from groundswell.messaging import services

        register_action(services.AUDIT_REPORT_VIEWED, _("Read a reported message"))
        register_action(services.AUDIT_MESSAGE_HIDDEN, _("Hid a reported message"))
        register_action(services.AUDIT_REPORTS_DISMISSED, _("Closed reports about a message"))

        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.messaging.permissions import can_review_reports

        register_staff_screen(
            "messages", _("Reported messages"), "messaging:reported", can_review_reports
        )

        from groundswell.api.routers import register_router
        from groundswell.messaging.api import router

        register_router(router)

        # The navigation's "Messages" count (templates/base.html: count_link ... "count:messages").
        from groundswell.core.marks import register_personal_count
        from groundswell.messaging.selectors import unread_count

        register_personal_count(UNREAD_SLOT, unread_count)


UNREAD_SLOT = "count:messages"
