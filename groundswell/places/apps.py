from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "groundswell.places"
    label = "places"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.places.models import Place

        # Place names are on every list: a change ends every stored page.
        pagecache.watch(Place, scopes=(pagecache.SITE,))
