from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "groundswell.offers"
    label = "offers"
    verbose_name = "Offers and needs"

    def ready(self) -> None:
        from groundswell.offers import content, notifying, receivers

        content.register()
        _watch_for_page_cache()
        notifying.register_types()
        receivers.connect()

        from groundswell.api.routers import register_router
        from groundswell.offers.api import router

        register_router(router)

        from groundswell.audit.models import register_action

        register_action("offer_hidden", _("Hid an offer or need"))
        register_action("offer_restored", _("Restored an offer or need"))
        register_action("offer_approved", _("Approved an offer or need"))
        register_action("offer_held", _("Held an offer or need for review"))

        from groundswell.core.scheduled import register_job
        from groundswell.offers.services import needs_surface_unanswered

        register_job("offers.unanswered_needs", needs_surface_unanswered, every_minutes=60)

        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.offers.permissions import can_see_waiting_link
        from groundswell.offers.selectors import waiting_count

        register_staff_screen(
            "offers_waiting",
            _("Needs waiting for help"),
            "offers:waiting",
            can_see_waiting_link,
            count=waiting_count,
        )


def _watch_for_page_cache() -> None:
    """What ends the stored copies of /offers-and-needs/ (visitors' pages and members' shared
    copy, core/pagecache.py): a post's card fields and the fields that decide who sees it, and
    its topics. The response count, matching and review dates show on no card. Members' names
    end it through `list:people`; places and topic names through `site`; organisation names
    through `list:stories` (stories own that table's watch), which the list depends on too."""
    from groundswell.core import pagecache
    from groundswell.offers.member_page import LIST_SCOPE
    from groundswell.offers.models import Offer

    pagecache.watch(
        Offer,
        scopes=(LIST_SCOPE,),
        columns=(
            "side",
            "category",
            "author_id",
            "organisation_id",
            "title",
            "place_id",
            "days",
            "times",
            "reach",
            "travel_km",
            "audience",
            "status",
            "is_hidden",
        ),
    )
    pagecache.watch(Offer.topics.through, scopes=(LIST_SCOPE,))
