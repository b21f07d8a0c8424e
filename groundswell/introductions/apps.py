from django.apps import AppConfig


class IntroductionsConfig(AppConfig):
    name = "groundswell.introductions"
    label = "introductions"
    verbose_name = "Introductions"

    def ready(self) -> None:
        from groundswell.introductions import receivers

        receivers.connect()
