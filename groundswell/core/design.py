"""The design system page (/design/, staff only): every component of static/css/groundswell.css,
with its class names, when to use it, and the colour tokens with their contrast ratios.

The ratios are computed here from the stylesheet's own custom properties (and the site's own
colours when an administrator has set them), so the page can't drift from what the site shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django import forms
from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from groundswell.core import staff
from groundswell.lib.contrast import contrast_ratio, normalise_hex, shown_ratio

STYLESHEET = "css/groundswell.css"
_ROOT_BLOCK = re.compile(r":root\s*\{(.*?)\}", re.S)
_PROPERTY = re.compile(r"--([a-z0-9-]+)\s*:\s*([^;]+);")
_REFERENCE = re.compile(r"var\(--([a-z0-9-]+)\)")
_COMMENT = re.compile(r"/\*.*?\*/", re.S)

# What each colour is for, in the order the page lists them. A token the stylesheet gains is
# still listed (after these), with no description.
COLOUR_USES: dict[str, object] = {
    "brand": _("The site's colour: buttons, the header's rule, card edges. White text sits on it."),
    "brand-dark": _("The site's dark colour: links, the navigation band, secondary buttons."),
    "text": _("Body text and headings."),
    "text-secondary": _("Hints, dates, bylines and other secondary text."),
    "paper": _("Cards, forms, tables: the surface content sits on."),
    "wash": _("The page background."),
    "border": _("Decorative rules and card edges (never the only sign of a control)."),
    "border-input": _("The edges of inputs, radios and checkboxes."),
    "accent": _("Ideas' kind label."),
    "resource": _("Resources' kind label."),
    "error": _("Error messages, the error summary, warning buttons."),
    "success": _("Success banners and the verified badge."),
    "important": _("Important banners and the help line box."),
    "warning-wash": _("The default notice's background."),
    "success-wash": _("The success banner's background."),
    "important-wash": _("The important banner's background."),
    "focus": _("The focus indicator, always with --focus-text beside it."),
    "focus-text": _("Text on the focus colour, and the focus indicator's dark edge."),
    "highlight": _("Search matches."),
}

# (foreground, background, minimum ratio, where the pair is used)
PAIRS: tuple[tuple[str, str, float, object], ...] = (
    ("text", "paper", 4.5, _("Body text on cards and forms")),
    ("text", "wash", 4.5, _("Body text on the page background")),
    ("text-secondary", "paper", 4.5, _("Hints and meta text on cards")),
    ("text-secondary", "wash", 4.5, _("Lead paragraphs on the page background")),
    ("brand-dark", "paper", 4.5, _("Links on cards")),
    ("brand-dark", "wash", 4.5, _("Links on the page background")),
    ("#ffffff", "brand", 4.5, _("Button text on the site's colour")),
    ("#ffffff", "brand-dark", 4.5, _("Navigation links on the band")),
    ("accent", "paper", 4.5, _("An idea's kind label")),
    ("resource", "paper", 4.5, _("A resource's kind label")),
    ("error", "paper", 4.5, _("Error messages")),
    ("text", "warning-wash", 4.5, _("Text in a notice")),
    ("text", "success-wash", 4.5, _("Text in a success banner")),
    ("text", "important-wash", 4.5, _("Text in an important banner")),
    ("success", "success-wash", 4.5, _("The verified badge")),
    ("focus-text", "focus", 4.5, _("A focused link's text")),
    ("text", "highlight", 4.5, _("A search match")),
    ("border-input", "paper", 3.0, _("Input, radio and checkbox edges (a control: 3:1)")),
    ("text-secondary", "wash", 3.0, _("Tag edges (a control: 3:1)")),
    ("focus-text", "paper", 3.0, _("The focus indicator's dark edge on cards (3:1)")),
    ("focus-text", "wash", 3.0, _("The focus indicator's dark edge on the page (3:1)")),
)


@dataclass(frozen=True)
class Token:
    name: str
    value: str
    use: object


@dataclass(frozen=True)
class Pair:
    foreground: str
    background: str
    foreground_hex: str
    background_hex: str
    ratio: str
    minimum: str
    passes: bool
    use: object


def _stylesheet_path() -> Path | None:
    found = finders.find(STYLESHEET)
    return Path(found) if isinstance(found, str) else None


@lru_cache(maxsize=4)
def _root_properties(path: str, mtime: float) -> dict[str, str]:
    """The custom properties of the stylesheet's first :root block (the tokens), as written."""
    text = _COMMENT.sub("", Path(path).read_text(encoding="utf-8"))
    block = _ROOT_BLOCK.search(text)
    if block is None:
        return {}
    return {name: value.strip() for name, value in _PROPERTY.findall(block.group(1))}


def stylesheet_tokens() -> dict[str, str]:
    path = _stylesheet_path()
    if path is None:
        return {}
    return _root_properties(str(path), path.stat().st_mtime)


def resolve_colour(value: str, tokens: dict[str, str], depth: int = 0) -> str | None:
    """A token's value as a hex colour, following var(--other) references; None if not one."""
    reference = _REFERENCE.fullmatch(value.strip())
    if reference is not None:
        other = tokens.get(reference.group(1))
        return resolve_colour(other, tokens, depth + 1) if other and depth < 5 else None
    return normalise_hex(value)


def colour_tokens(tokens: dict[str, str]) -> list[Token]:
    """The colour tokens (those whose value is a hex colour, not an alias of another), described."""
    colours = {name: value for name, value in tokens.items() if normalise_hex(value)}
    ordered = [n for n in COLOUR_USES if n in colours] + [
        n for n in colours if n not in COLOUR_USES
    ]
    return [Token(name=n, value=colours[n], use=COLOUR_USES.get(n, "")) for n in ordered]


def contrast_pairs(
    tokens: dict[str, str], site_colours: dict[str, str] | None = None
) -> list[Pair]:
    """Each pair the site uses with its ratio; `site_colours` ({"brand": "#…"}) stands in for the
    stylesheet's defaults when an administrator has set the site's own colours."""
    tokens = tokens | {n: v for n, v in (site_colours or {}).items() if normalise_hex(v)}
    pairs = []
    for foreground, background, minimum, use in PAIRS:
        fg = normalise_hex(foreground) or resolve_colour(tokens.get(foreground, ""), tokens)
        bg = normalise_hex(background) or resolve_colour(tokens.get(background, ""), tokens)
        if fg is None or bg is None:
            continue
        ratio = contrast_ratio(fg, bg)
        pairs.append(
            Pair(
                foreground=foreground if foreground.startswith("#") else f"--{foreground}",
                background=background if background.startswith("#") else f"--{background}",
                foreground_hex=fg,
                background_hex=bg,
                ratio=shown_ratio(ratio),
                minimum=f"{minimum:g}:1",
                passes=ratio >= minimum,
                use=use,
            )
        )
    return pairs


class SampleForm(forms.Form):
    """The form components as the site's own field template prints them."""

    name = forms.CharField(
        label=_("Your name"), help_text=_("The name other members will see."), max_length=80
    )
    email = forms.EmailField(label=_("Email address"), required=False)
    identity = forms.ChoiceField(
        label=_("How should your name appear?"),
        choices=[
            ("named", _("With my display name")),
            ("pseudonym", _("With a pseudonym")),
            ("anonymous", pgettext_lazy("identity", "Anonymously")),
        ],
        widget=forms.RadioSelect,
        help_text=_("Radios: one choice from a few, each a 40 pixel target."),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=[("sleep", _("Sleep")), ("work", _("Work")), ("carers", _("Carers"))],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    place = forms.ChoiceField(
        label=_("Place"),
        choices=[("", _("Not about a particular place")), ("leeds", "Leeds")],
        required=False,
    )
    body = forms.CharField(label=_("Your story"), widget=forms.Textarea, required=False)
    agree = forms.BooleanField(label=_("I have read the community guidelines"), required=False)


def design_page(request: HttpRequest) -> HttpResponse:
    """Moderators and administrators (on a two-step-verified session) only: 404 for everyone
    else, so the page's existence says nothing."""
    if not staff.has_staff_powers(request.user):
        raise Http404
    tokens = stylesheet_tokens()
    context = {
        "colours": colour_tokens(tokens),
        "type_scale": [
            (n, v) for n, v in tokens.items() if n.startswith(("font-size", "line-height"))
        ],
        "spacing": [(n, v) for n, v in tokens.items() if n.startswith("space-")],
        "example_date": timezone.now(),
        "example_earlier": timezone.now() - timedelta(hours=16),
        "sample_form": SampleForm(auto_id="example-%s"),
        "error_form": SampleForm(
            data={"name": "", "email": "not an email", "identity": ""}, auto_id="example-error-%s"
        ),
    }
    return render(request, "core/design.html", context)
