"""The logo rule: PNG and WebP that Pillow reads, SVG only without scripts, event attributes,
embedded content or links outside the file; 200 KB at most."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from groundswell.sitepages import demo
from groundswell.sitepages.logos import LOGO_MAX_BYTES, check_svg, clean_logo

SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">{}</svg>'


def _image(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 20), (11, 110, 79, 255)).save(out, format=fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_png_and_webp_are_stored_again_as_png(fmt):
    name, content = clean_logo(SimpleUploadedFile("logo", _image(fmt)))
    assert name.endswith(".png")
    assert Image.open(io.BytesIO(content.read())).format == "PNG"


def test_jpeg_and_not_an_image_are_refused():
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="JPEG")
    for data in (out.getvalue(), b"just some text, not a picture"):
        with pytest.raises(ValidationError, match="PNG, WebP or SVG"):
            clean_logo(SimpleUploadedFile("logo.png", data))


def test_a_logo_over_200_kb_is_refused():
    with pytest.raises(ValidationError, match="under 200 KB"):
        clean_logo(SimpleUploadedFile("logo.svg", b"<svg" + b" " * LOGO_MAX_BYTES))


def test_the_demo_logo_and_a_plain_svg_are_accepted_as_written():
    data = demo.LOGO.read_bytes()
    name, content = clean_logo(SimpleUploadedFile("demo-logo.svg", data))
    assert name.endswith(".svg")
    assert content.read() == data
    check_svg(
        SVG.format(
            '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
            '<rect width="10" height="10" fill="url(#g)" style="fill: url(#g)"/>'
            '<use href="#g"/><style>rect { stroke: #000 }</style>'
        ).encode()
    )


UNSAFE = {
    "script": SVG.format("<script>alert(1)</script>"),
    "event attribute": SVG.format('<rect width="1" height="1" onload="alert(1)"/>'),
    "event attribute on the root": '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "foreign object": SVG.format("<foreignObject><p>hi</p></foreignObject>"),
    "external link": SVG.format(
        '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://evil.example/a.svg#x"/>'
    ),
    "javascript link": SVG.format('<a href="javascript:alert(1)"><rect/></a>'),
    "embedded image": SVG.format('<image href="data:image/png;base64,AAAA"/>'),
    "external style": SVG.format("<style>@import url(https://evil.example/x.css);</style>"),
    "external url in a style": SVG.format('<rect style="fill: url(https://evil.example/)"/>'),
    "escaped CSS": SVG.format("<style>@\\69mport 'x.css';</style>"),
    "split by a character reference": SVG.format("<style>@&#105;mport 'x.css';</style>"),
    "animation setting a link": SVG.format(
        '<a><set attributeName="href" to="javascript:alert(1)"/></a>'
    ),
    "entity declaration": (
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    ),
    "processing instruction": '<?xml-stylesheet href="https://evil.example/x.css"?>'
    + SVG.format(""),
    "not svg": '<html xmlns="http://www.w3.org/1999/xhtml"><svg/></html>',
    "svg without its namespace": "<svg><rect/></svg>",
    "broken xml": "<svg xmlns='http://www.w3.org/2000/svg'><rect></svg>",
}


@pytest.mark.parametrize("name", UNSAFE)
def test_unsafe_svg_is_refused_with_a_plain_message(name):
    with pytest.raises(ValidationError, match="can't show safely"):
        clean_logo(SimpleUploadedFile("logo.svg", UNSAFE[name].encode()))
