from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "groundswell.topics"
    label = "topics"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.topics.models import Topic

        # Topic names and links are on every page: a change ends every stored page.
        pagecache.watch(Topic, scopes=(pagecache.SITE,))

        from groundswell.audit.models import register_action
        from groundswell.core.staff import is_administrator
        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.topics import services

        register_action(services.AUDIT_TOPIC_CHANGED, _("Changed a topic"))
        register_staff_screen(
            "topics",
            _("Topics"),
            "staff_topics:list",
            is_administrator,
        )
