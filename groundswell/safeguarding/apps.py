from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    name = "groundswell.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"

    def ready(self) -> None:
        from groundswell.safeguarding import receivers

        receivers.connect()
