"""Marks (core/marks.py): a shared page filled for a viewer equals the page rendered for them."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from groundswell.core.marks import Marks, SharedMarks, fill, slot

TEMPLATE = Template(
    "{% load groundswell %}"
    "<b class=\"x{% mark_choice 'react' 'story-1' 'helped' yes=' on' %}\">"
    "{% mark_value count 'count' 'story-1' %}</b>"
    "{% mark_if 'own' 7 %}<a>edit 7</a>{{ token }}{% mark_else %}<i>not yours</i>{% end_mark_if %}"
)


@pytest.mark.parametrize(
    "flags", [set(), {"react:story-1:helped"}, {"own:7"}, {"own:7", "react:story-1:helped"}]
)
def test_filled_shared_render_equals_the_viewers_render(flags):
    own = TEMPLATE.render(Context({"marks": Marks(flags), "count": 3, "token": "T"}))
    shared = TEMPLATE.render(Context({"marks": SharedMarks(), "count": 99, "token": slot("csrf")}))
    assert "edit 7" in shared and "not yours" in shared  # both branches wait in the copy
    assert fill(shared, flags=flags, values={"count:story-1": "3", "csrf": "T"}) == own


def test_without_marks_every_flag_is_off():
    html = TEMPLATE.render(Context({"count": 3, "token": "T"}))
    assert html == '<b class="x">3</b><i>not yours</i>'


def test_a_slot_left_without_a_value_is_an_error_not_a_hole():
    with pytest.raises(KeyError):
        fill(slot("csrf"), flags=set(), values={})


def test_marks_cannot_nest():
    nested = Template(
        "{% load groundswell %}{% mark_if 'a' %}{% mark_if 'b' %}x{% end_mark_if %}{% end_mark_if %}"
    )
    with pytest.raises(ValueError, match="cannot nest"):
        nested.render(Context({"marks": SharedMarks()}))


def test_text_that_looks_like_a_slot_is_left_alone():
    text = "\x00?own:7\x00secret\x00|\x00\x00/\x00 and \x00:csrf\x00"
    assert fill(text, flags={"own:7"}, values={"csrf": "T"}) == text


def test_every_shared_form_key_is_new():
    shared = Template("{% load groundswell %}{% new_uuid %} {% new_uuid %}").render(
        Context({"marks": SharedMarks()})
    )
    first, second = fill(shared, flags=set(), values={}).split()
    third, _ = fill(shared, flags=set(), values={}).split()
    assert len({first, second, third}) == 3
