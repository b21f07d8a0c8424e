from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "groundswell.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from groundswell.notifications import receivers

        receivers.connect()

        from groundswell.api.routers import register_router
        from groundswell.notifications.api import router

        register_router(router)

        from groundswell.core.marks import register_personal_count
        from groundswell.notifications.selectors import unread_count
        from groundswell.notifications.templatetags.notifications import UNREAD_SLOT

        register_personal_count(UNREAD_SLOT, unread_count)

        from groundswell.core.scheduled import register_job
        from groundswell.notifications.services import digests_run

        # Every minute: each person's summary goes out once per period however often it runs.
        register_job("notifications.summaries", lambda: digests_run().as_dict(), every_minutes=1)
