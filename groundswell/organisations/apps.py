from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "groundswell.organisations"
    label = "organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from groundswell.api.routers import register_router
        from groundswell.organisations import receivers
        from groundswell.organisations.api import router

        receivers.connect()
        register_router(router)
