"""The person's introductions in "Download my data": those they made and those they were
introduced in as a person. Their own answer is theirs; the other side's never is, so it is not
in the export (an organisation's introductions belong to the organisation, not its staff)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from groundswell.introductions import selectors
from groundswell.introductions.models import Answer, Introduction


def export_introductions(user: Any) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    found = (
        Introduction.objects.filter(Q(introducer=user) | Q(person_a=user) | Q(person_b=user))
        .select_related("introducer", "person_a", "person_b", "organisation")
        .order_by("created_at", "id")
    )
    for intro in found:
        # Only their own side counts here, never an organisation they help run.
        s = selectors.shown(intro, user, managed=set())
        if s.is_introducer:
            rows.append(
                {
                    "you": _("made this introduction"),
                    "introduced_by": _("You"),
                    "between": " · ".join(p.name for p in s.others),
                    "note": intro.note,
                    "your_note_to_each": " · ".join(n for n in (intro.note_a, intro.note_b) if n),
                    "your_answer": "",
                    "status": intro.get_status_display(),
                    "made_at": intro.created_at,
                    "closed_at": intro.closed_at,
                }
            )
        else:
            rows.append(
                {
                    "you": _("were introduced"),
                    "introduced_by": s.introducer.name,
                    "between": s.others[0].name,
                    "note": intro.note,
                    "your_note_to_each": s.note_for_me,
                    "your_answer": str(Answer(s.my_answer).label),
                    "status": intro.get_status_display(),
                    "made_at": intro.created_at,
                    "closed_at": intro.closed_at,
                }
            )
    return rows
