from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "groundswell.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from groundswell.core.middleware import start_session_clock
        from groundswell.core.pagecache import install_triggers

        user_logged_in.connect(
            start_session_clock, dispatch_uid="groundswell.core.start_session_clock"
        )
        # After every migrate (and every test flush), so a rebuilt table never loses its trigger.
        post_migrate.connect(
            install_triggers, sender=self, dispatch_uid="groundswell.core.install_triggers"
        )
