"""The alerts page's rows, for content of any registered kind.

Each kind's manifest (groundswell.content.registry) gives the byline, title, link and the words
(`safeguarding_text`, "" once the author took them back); a kind may describe itself in its own
words with a template `safeguarding/kinds/<kind key>.html` (partials "heading", "meta", "gone"
and "where", each given `row`), as Django's admin finds a model's own templates. Kinds without
one get safeguarding/kinds/_generic.html.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import models
from django.template import TemplateDoesNotExist
from django.template.loader import select_template
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from groundswell.content import registry
from groundswell.safeguarding.checks import CRISIS_LABELS, Passage, find_crisis_language, passages
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.safeguarding.services import text_of

# Where a private alert's words were written, in running text ("in a private message").
PRIVATE_SOURCES = {"message": gettext_noop("a private message")}
GENERIC_TEMPLATE = "safeguarding/kinds/_generic.html"


def open_alert_count(user: Any) -> int:
    """Alerts nobody has acknowledged yet: the count beside "Safeguarding alerts" in the
    moderators' menu (core.staffscreens). One query, on staff pages only."""
    return SafeguardingAlert.objects.open().count()


@dataclass
class AlertRow:
    alert: SafeguardingAlert
    kind_labels: list[str]
    passages: list[Passage]
    # Who wrote it, as every other page shows them (the kind's byline): an author writing under
    # a pseudonym or anonymously stays so; only the audited reveal on the content's page names them.
    byline: str
    # The content itself (a Story, a Comment...) and its kind; None when it is gone or private.
    obj: Any = None
    kind: registry.ContentKind | None = None
    title: str = ""
    url: str = ""
    # The author took the words back (withdrew, deleted): the kind's "gone" partial says how.
    withheld: bool = False
    # The kind's template (see the module docstring), as "<name>#<partial>" for each partial.
    partials: dict[str, str] | None = None
    # For an alert about something private: where ("a private message"); moderators are not
    # shown the words, only who wrote them, so they can contact the person.
    private_source: str = ""
    # Whether the page may offer to message the writer: only where the content is shown under
    # their own name (a message would show moderators who wrote under a pseudonym, or
    # anonymously, without the audited reveal).
    can_contact: bool = False


@cache
def _partials(key: str) -> dict[str, str]:
    try:
        name = select_template([f"safeguarding/kinds/{key}.html", GENERIC_TEMPLATE]).template.name
    except TemplateDoesNotExist:  # pragma: no cover - the generic template ships with the app
        name = GENERIC_TEMPLATE
    return {part: f"{name}#{part}" for part in ("heading", "meta", "gone", "where")}


def _with_content(prefix: str) -> list[str]:
    """select_related paths that load, with each ContentItem under `prefix`, its kind's object
    and that kind's own relations (ContentKind.select_related), so ContentItem.target, bylines
    and titles cost no query: the page's query count does not grow with kinds or rows."""
    paths = []
    for kind in registry.kinds():
        item = kind.model._meta.get_field("item")
        assert isinstance(item, models.OneToOneField)  # noqa: S101 - checked by registry.register
        name = item.related_query_name()
        paths.append(f"{prefix}__{name}")
        paths += [f"{prefix}__{name}__{relation}" for relation in kind.select_related]
    return paths


def _row(alert: SafeguardingAlert) -> AlertRow:
    labels = [_(CRISIS_LABELS[k]) if k in CRISIS_LABELS else k for k in alert.kinds]
    if alert.item_id is None:
        where = (
            _(PRIVATE_SOURCES[alert.source]) if alert.source in PRIVATE_SOURCES else alert.source
        )
        name = alert.person.public_name if alert.person else _("a former member")
        return AlertRow(alert, labels, [], name, private_source=where, can_contact=True)
    obj = alert.item.target if alert.item is not None else None
    if obj is None:
        return AlertRow(alert, labels, [], _("a former member"))
    kind = registry.kind_of(obj)
    text = text_of(obj)
    byline = kind.byline(obj)
    return AlertRow(
        alert,
        labels,
        passages(text, find_crisis_language(text), limit=5) if text else [],
        byline,
        obj=obj,
        kind=kind,
        title=kind.shown_title(obj),
        url=kind.url(obj),
        withheld=not text,
        partials=_partials(kind.key),
        can_contact=bool(text) and alert.person is not None and byline == alert.person.public_name,
    )


def alert_rows(*, open_only: bool, limit: int) -> list[AlertRow]:
    """Alerts with the passages that raised them, worked out from the content as it is now
    (one query, whatever the kinds)."""
    qs = SafeguardingAlert.objects.select_related(
        "person", "acknowledged_by", *_with_content("item")
    )
    if open_only:
        qs = qs.open().order_by("-is_high", "created_at", "id")
    else:
        qs = qs.filter(acknowledged_at__isnull=False).order_by("-acknowledged_at", "-id")
    return [_row(a) for a in qs[:limit]]
