from __future__ import annotations

from groundswell.sitepages.colours import colour_errors


def test_the_default_colours_pass():
    assert colour_errors(brand="#0b6e4f", brand_dark="#07513a") == {}


def test_a_light_brand_colour_is_refused_naming_the_ratio():
    errors = colour_errors(brand="#777777", brand_dark="#07513a")
    assert list(errors) == ["brand"]
    assert "4.4:1" in errors["brand"]
    assert "at least 4.5:1" in errors["brand"]


def test_a_dark_colour_too_light_for_links_on_white_is_refused():
    errors = colour_errors(brand="#0b6e4f", brand_dark="#3fa7d6")
    assert list(errors) == ["brand_dark"]
    assert "on white" in errors["brand_dark"]
    assert "2.7:1" in errors["brand_dark"]


def test_not_a_colour_gets_an_example():
    assert "like #0b6e4f" in colour_errors(brand="green", brand_dark="#07513a")["brand"]
