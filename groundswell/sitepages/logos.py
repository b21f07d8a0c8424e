"""Checking an uploaded logo. The rule, kept simple enough to be sure of:

- PNG or WebP: Pillow must read it (verify, then decode); it is stored again as a PNG, which drops
  any metadata, at most 1,000 pixels a side.
- SVG: accepted as written only if it is well-formed XML whose root is <svg>, with no document type
  or entity declarations, no processing instructions (xml-stylesheet), no <script>,
  <foreignObject>, <iframe>, <embed>, <object>, <audio>, <video>, <image>, <a> or animation that
  sets a link, no event attributes (on...), no href that points outside the file (only "#id"), and
  no url(...) or @import in styles except url(#id). Anything else is refused with a message; nothing
  is rewritten.
- At most LOGO_MAX_BYTES (200 KB) whatever the type.

The logo is served from its own address with a Content-Security-Policy that forbids scripts even if
the file is opened directly (views.logo).
"""

from __future__ import annotations

import io
import re
import uuid
from xml.parsers import expat

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

LOGO_MAX_BYTES = 200 * 1024
MAX_SIDE = 1000
MAX_PIXELS = 16_000_000
SVG_NS = "http://www.w3.org/2000/svg"

_REFUSED_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "embed",
        "object",
        "audio",
        "video",
        "image",
        "a",
        "handler",
        "listener",
    }
)
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "discard"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})
_URL = re.compile(r"url\s*\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
_DANGEROUS_TEXT = re.compile(r"javascript:|@import|expression\s*\(", re.IGNORECASE)


class _Refused(Exception):
    pass


def _local(name: str) -> str:
    """An expat name ("ns uri<sep>local" with namespaces on) without its namespace, lower case."""
    return name.rsplit(" ", 1)[-1].rsplit(":", 1)[-1].lower()


def _check_text(text: str, *, is_style: bool) -> None:
    """Attribute values and text: no javascript: anywhere; in styles (and any url(...)) nothing
    that reaches outside the file. CSS escapes could spell @import or url( in disguise, so a
    backslash in a style is refused too."""
    if _DANGEROUS_TEXT.search(text) or (is_style and "\\" in text):
        raise _Refused
    for target in _URL.findall(text):
        if not target.startswith("#"):
            raise _Refused


def check_svg(data: bytes) -> None:
    """Raise ValidationError unless `data` is an SVG this site will show (see the module's rule)."""
    parser = expat.ParserCreate(namespace_separator=" ")
    seen_root: list[str] = []
    # The text of each open element, joined before it is checked: expat hands text over in
    # pieces (at every character reference), and a word must not slip through split in two.
    texts: list[tuple[str, list[str]]] = []

    def refuse(*args: object) -> None:
        raise _Refused

    def start(name: str, attributes: dict[str, str]) -> None:
        local = _local(name)
        if not seen_root:
            seen_root.append(name)
            if name != f"{SVG_NS} svg":
                raise _Refused
        if local in _REFUSED_ELEMENTS:
            raise _Refused
        for attribute, value in attributes.items():
            attr = _local(attribute)
            if attr.startswith("on"):
                raise _Refused
            if attr in _LINK_ATTRIBUTES and not value.strip().startswith("#"):
                raise _Refused
            if (
                local in _ANIMATIONS
                and attr == "attributename"
                and _local(value) in _LINK_ATTRIBUTES
            ):
                raise _Refused
            _check_text(value, is_style=attr == "style")
        texts.append((local, []))

    def text(data: str) -> None:
        if texts:
            texts[-1][1].append(data)

    def end(name: str) -> None:
        local, pieces = texts.pop()
        _check_text("".join(pieces), is_style=local == "style")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    # No DTD of any kind: no entity expansion ("billion laughs"), no external entities.
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse  # type: ignore[assignment]
    parser.ProcessingInstructionHandler = refuse
    try:
        parser.Parse(data, True)
    except (_Refused, expat.ExpatError, ValueError) as exc:
        raise ValidationError(
            _(
                "This SVG has something we can't show safely (a script, an event attribute, "
                "embedded content or a link to another file), or it isn't a valid SVG. Export it "
                "again as a plain SVG, or use a PNG."
            ),
            code="unsafe_svg",
        ) from exc
    if not seen_root:
        raise ValidationError(_("This file is empty."), code="empty")


def _check_bitmap(data: bytes) -> ContentFile[bytes]:
    unreadable = ValidationError(
        _("We couldn't read this file as a logo. Please use a PNG, WebP or SVG."),
        code="unreadable",
    )
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ("PNG", "WEBP"):
                raise unreadable
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("This image has too many pixels. Please use a smaller one."),
                    code="too_many_pixels",
                )
            probe.verify()
        with Image.open(io.BytesIO(data)) as opened:
            opened.load()
            image = opened.convert("RGBA")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, format="PNG", optimize=True)
    except ValidationError:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        ValueError,
        SyntaxError,
        Image.DecompressionBombError,
    ) as exc:
        raise unreadable from exc
    return ContentFile(out.getvalue())


def looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or b"<svg" in head


def clean_logo(upload: UploadedFile) -> tuple[str, ContentFile[bytes]]:
    """A checked logo as (a new random file name, its content), or ValidationError."""
    if upload.size is not None and upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("This logo is too large. Please use one under 200 KB."), code="too_large"
        )
    upload.seek(0)
    data = upload.read(LOGO_MAX_BYTES + 1)
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _("This logo is too large. Please use one under 200 KB."), code="too_large"
        )
    name = uuid.uuid4().hex
    if looks_like_svg(data):
        check_svg(data)
        return f"{name}.svg", ContentFile(data)
    return f"{name}.png", _check_bitmap(data)


CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}
