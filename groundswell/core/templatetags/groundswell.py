from __future__ import annotations

from datetime import datetime

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from groundswell.core.marks import NO_MARKS, Marks
from groundswell.core.staffscreens import staff_screens_for
from groundswell.core.urls import fast_reverse

register = template.Library()


def _marks(context: template.Context) -> Marks:
    """The viewer's marks (core/marks.py); a page that passes none shows every mark off."""
    marks = context.get("marks")
    return marks if isinstance(marks, Marks) else NO_MARKS


def _key(parts: tuple[object, ...]) -> str:
    return ":".join(str(p) for p in parts)


@register.simple_tag(takes_context=True)
def new_uuid(context: template.Context) -> str:
    """A fresh idempotency key for a form, so a double submit creates one record (a fresh one
    for every viewer of a shared page, too)."""
    return _marks(context).uuid()


@register.simple_tag(takes_context=True)
def mark_choice(
    context: template.Context, *parts: object, yes: str = "", no: str = ""
) -> SafeString:
    """`yes` when the viewer's flag `parts` (joined by ":") is on, else `no`:
    {% mark_choice 'react' target|dom_id 'helped' yes=' is-on' %}."""
    on, off = conditional_escape(yes), conditional_escape(no)
    return mark_safe(_marks(context).choice(_key(parts), lambda: on, lambda: off))  # noqa: S308


@register.simple_tag(takes_context=True)
def mark_value(context: template.Context, real: object, *parts: object) -> SafeString:
    """A number that moves without a content-version bump (a count): {% mark_value
    story.helped_count 'count' story|dom_id 'helped' %}. Shared pages get it filled per request."""
    return mark_safe(_marks(context).value(_key(parts), conditional_escape(str(real))))  # noqa: S308


class MarkIfNode(template.Node):
    def __init__(self, parts: list[FilterExpression], yes: NodeList, no: NodeList | None) -> None:
        self.parts, self.yes, self.no = parts, yes, no

    def render(self, context: template.Context) -> str:
        key = _key(tuple(p.resolve(context) for p in self.parts))
        no = self.no
        return _marks(context).choice(
            key, lambda: self.yes.render(context), lambda: no.render(context) if no else ""
        )


@register.tag
def mark_if(parser: Parser, token: Token) -> MarkIfNode:
    """{% mark_if 'own' c.pk %}…{% mark_else %}…{% end_mark_if %}: a block shown when the
    viewer's flag is on. Blocks cannot nest; the branches may hold CSRF tokens and links."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("mark_if needs a flag")
    parts = [parser.compile_filter(b) for b in bits]
    yes = parser.parse(("mark_else", "end_mark_if"))
    no = None
    if parser.next_token().contents == "mark_else":
        no = parser.parse(("end_mark_if",))
        parser.delete_first_token()
    return MarkIfNode(parts, yes, no)


@register.filter
def dom_id(obj: object) -> str:
    """A stable element id for a model instance, e.g. "story-12"."""
    meta = getattr(obj, "_meta", None)
    return f"{meta.model_name if meta else 'item'}-{getattr(obj, 'pk', '')}"


@register.simple_tag
def time_tag(value: datetime | None, fmt: str) -> SafeString:
    """{% time_tag story.published_at "j M Y" %}: the same as
    <time datetime="{{ value|date:'c' }}">{{ value|date:fmt }}</time>, with the time converted to
    the current time zone once instead of twice (list pages print one on every card)."""
    if value is None:
        return mark_safe("")  # noqa: S308 (nothing to show, as |date shows for None)
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_html(
        '<time datetime="{}">{}</time>', value.isoformat(), formats.date_format(value, fmt)
    )


@register.simple_tag
def link(viewname: str, *args: int | str) -> str:
    """{% link 'stories:detail' story.pk %}: {% url %} for links printed many times on a page."""
    return fast_reverse(viewname, *args)


@register.simple_tag(takes_context=True)
def count_link(context: template.Context, viewname: str, label: str, slot_key: str) -> SafeString:
    """A navigation link with the member's own count (core.marks.register_personal_count): read
    now (one query), or left as a slot on a page shared by many members. The badge is always
    printed and hidden by the style sheet at 0, so a shared page's slot can be filled either way."""
    from django.template.loader import render_to_string

    from groundswell.core.marks import SharedMarks, personal_count

    marks = context.get("marks")
    count: str
    if isinstance(marks, SharedMarks):
        count = mark_safe(marks.value(slot_key, 0))  # noqa: S308 (a slot, no text from anyone)
    else:
        request = context.get("request")
        count = str(personal_count(slot_key, getattr(request, "user", None)))
    return render_to_string(
        "core/_count_link.html", {"url": fast_reverse(viewname), "label": label, "count": count}
    )


@register.simple_tag
def staff_menu(user: object) -> dict[str, object]:
    """{% staff_menu user as menu %}: menu.rows, (screen, how many wait there or None) for each
    screen this person may open, and menu.waiting, the total, for the menu's folded summary.
    One query per counting screen: staff pages only."""
    rows = [(screen, screen.count_for(user)) for screen in staff_screens_for(user)]
    return {"rows": rows, "waiting": sum(count or 0 for _screen, count in rows)}
