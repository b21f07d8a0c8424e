from __future__ import annotations

from django.tasks import task

from groundswell.trust.services import trust_recalculate_all


@task()
def recalculate_all_trust_levels() -> int:
    """Recalculate everyone's level (time passing and reactions received lift levels too)."""
    return trust_recalculate_all()
