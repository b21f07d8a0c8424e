from django.apps import AppConfig


class FollowsConfig(AppConfig):
    name = "groundswell.follows"
    label = "follows"
    verbose_name = "Following, connections and blocks"

    def ready(self) -> None:
        from groundswell.follows import notifying, receivers

        receivers.connect()
        notifying.connect()
