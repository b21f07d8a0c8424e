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
        # Badges show beside names (core/pagecache.py).
        pagecache.watch(
            TrustProfile,
            scopes=(pagecache.PEOPLE,),
            columns=("level", "professional_title", "professional_verified_at"),
        )
