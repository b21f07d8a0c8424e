from django.apps import AppConfig


class AssetsConfig(AppConfig):
    name = "groundswell.assets"
    label = "assets"

    def ready(self) -> None:
        # Registrations with the shared apps (content, moderation, search, follows, privacy,
        # notifications, staff screens, scheduled jobs, API) live in wiring.py.
        from groundswell.assets import wiring

        wiring.connect()
