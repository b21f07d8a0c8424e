from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "groundswell.topics"
    label = "topics"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.topics.models import Topic

        # Topic names and links are on every page: a change ends every stored page.
        pagecache.watch(Topic, scopes=(pagecache.SITE,))
