from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "groundswell.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from groundswell.core.middleware import start_session_clock

        user_logged_in.connect(
            start_session_clock, dispatch_uid="groundswell.core.start_session_clock"
        )
