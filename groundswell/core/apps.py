from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "groundswell.core"
    label = "core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate, pre_migrate

        from groundswell.core.middleware import start_session_clock
        from groundswell.core.pagecache import install_triggers, remove_triggers

        user_logged_in.connect(
            start_session_clock, dispatch_uid="groundswell.core.start_session_clock"
        )
        # Content-version triggers exist only outside migrations (core/pagecache.py).
        pre_migrate.connect(
            remove_triggers, sender=self, dispatch_uid="groundswell.core.remove_triggers"
        )
        post_migrate.connect(
            install_triggers, sender=self, dispatch_uid="groundswell.core.install_triggers"
        )
