from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "groundswell.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from groundswell.api.routers import register_router
        from groundswell.organisations import notifying, receivers
        from groundswell.organisations.api import router

        receivers.connect()
        notifying.connect()
        register_router(router)
