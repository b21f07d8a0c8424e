from django.apps import AppConfig


class TrustConfig(AppConfig):
    name = "groundswell.trust"
    label = "trust"
    verbose_name = "Trust levels and rate limits"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.trust import receivers
        from groundswell.trust.models import TrustProfile

        receivers.connect()
        # The professional badge shows beside names (core/pagecache.py); levels are for staff
        # pages only, and a row made on a member's first post shows nothing.
        pagecache.watch(
            TrustProfile,
            scopes=(pagecache.PEOPLE,),
            columns=(
                "professional_title",
                "professional_verified_at",
                "professional_verified_by_id",
                "professional_verified_by_name",
            ),
            insert_when="{row}.professional_verified_at IS NOT NULL",
        )
