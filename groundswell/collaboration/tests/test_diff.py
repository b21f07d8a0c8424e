from __future__ import annotations

from groundswell.collaboration.diff import word_diff


def test_unchanged_text_has_no_marks() -> None:
    assert word_diff("Same words.", "Same words.") == "Same words."


def test_added_and_removed_words_are_marked_and_punctuation_kept_apart() -> None:
    assert word_diff("Bring your letter.", "Bring your letter and a list.") == (
        "Bring your letter<ins> and a list</ins>."
    )
    assert word_diff("Ask for the quiet room.", "Ask for a room.") == (
        "Ask for <del>the quiet</del><ins>a</ins> room."
    )


def test_everything_members_wrote_is_escaped() -> None:
    html = word_diff("<b>old</b>", '<img src=x onerror="alert(1)">')
    assert "<img" not in html and "<b>" not in html
    assert "<ins>img src=x onerror=&quot;alert(1)&quot;</ins>" in html
    assert "&lt;/b&gt;" in html
