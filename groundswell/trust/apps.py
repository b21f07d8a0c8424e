from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "groundswell.trust"
    label = "trust"
    verbose_name = "Trust levels and rate limits"

    def ready(self) -> None:
        from groundswell.trust import receivers

        receivers.connect()
