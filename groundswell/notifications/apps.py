from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "groundswell.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from groundswell.notifications import receivers

        receivers.connect()
