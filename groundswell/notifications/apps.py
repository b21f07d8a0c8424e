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
