from __future__ import annotations

import pytest

from groundswell.lib.contrast import contrast_ratio, normalise_hex, shown_ratio


def test_black_on_white_is_21_to_1() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


def test_ratio_is_the_same_either_way_round() -> None:
    assert contrast_ratio("#0b6e4f", "#fff") == pytest.approx(contrast_ratio("#fff", "#0b6e4f"))


def test_known_values() -> None:
    # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey that passes AA.
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("#ABCDEF", "#abcdef"), ("abcdef", "#abcdef"), ("#abc", "#aabbcc"), (" #0b6e4f ", "#0b6e4f")],
)
def test_normalise_hex_accepts_usual_forms(value: str, expected: str) -> None:
    assert normalise_hex(value) == expected


@pytest.mark.parametrize("value", ["", "red", "#12345", "#gggggg", "rgb(0,0,0)", "#1234567"])
def test_normalise_hex_refuses_the_rest(value: str) -> None:
    assert normalise_hex(value) is None


def test_shown_ratio_never_rounds_a_fail_up_to_a_pass() -> None:
    assert shown_ratio(4.4999) == "4.4:1"
    assert shown_ratio(21.0) == "21:1"
