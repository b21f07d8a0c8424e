from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from groundswell.core.urls import fast_reverse


@pytest.mark.parametrize(
    ("viewname", "args"),
    [
        ("stories:home", ()),
        ("stories:detail", (12,)),
        ("stories:detail", ("731946825000",)),  # looks like the placeholder itself
        ("stories:kind_list", ("ideas",)),
        ("places:detail", ("moss-side",)),
        ("topics:feed", ("mental_health",)),
        ("accounts:profile", ("k3xq9w2mzp4a",)),
    ],
)
def test_fast_reverse_gives_what_reverse_gives(viewname: str, args: tuple) -> None:
    assert fast_reverse(viewname, *args) == reverse(viewname, args=args)
    assert fast_reverse(viewname, *args) == reverse(viewname, args=args)  # from the cache


def test_fast_reverse_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/community/")
        assert fast_reverse("stories:detail", 5) == "/community/stories/5/"
    finally:
        set_script_prefix("/")
    assert fast_reverse("stories:detail", 5) == "/stories/5/"


@pytest.mark.parametrize(
    ("viewname", "arg"),
    [("stories:detail", "abc"), ("stories:detail", "not a number"), ("places:detail", "café")],
)
def test_arguments_a_converter_refuses_fail_as_with_reverse(viewname: str, arg: str) -> None:
    with pytest.raises(NoReverseMatch):
        reverse(viewname, args=[arg])
    with pytest.raises(NoReverseMatch):
        fast_reverse(viewname, arg)
