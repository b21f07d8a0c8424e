from django.apps import AppConfig


class CollaborationConfig(AppConfig):
    name = "groundswell.collaboration"
    label = "collaboration"
    verbose_name = "Co-created resources"

    def ready(self) -> None:
        from groundswell.collaboration import receivers

        receivers.connect()

        from groundswell.api.routers import register_router
        from groundswell.collaboration.api import router

        register_router(router)
