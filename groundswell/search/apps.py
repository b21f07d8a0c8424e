from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "groundswell.search"
    label = "search"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.search.services import SEARCH_SCOPE

        # Search pages declare no scopes, so they depend on every list, this one included.
        pagecache.register_list(SEARCH_SCOPE)
