from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "groundswell.places"
    label = "places"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.places.models import Place

        # Place names are on every list: a change ends every stored page.
        pagecache.watch(Place, scopes=(pagecache.SITE,))

        from groundswell.audit.models import register_action
        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.places import permissions, services

        register_action(services.AUDIT_PLACE_CHANGED, _("Changed a place"))
        register_action(
            services.AUDIT_ORGANISER_PLACES, _("Changed the places an organiser looks after")
        )
        register_staff_screen(
            "places",
            _("Places"),
            "staff_places:list",
            permissions.is_organiser_or_admin,
        )
