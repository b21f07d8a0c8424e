"""The safeguarding checks on realistic writing: what they should find, and what they must not."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from groundswell.safeguarding.checks import (
    ABUSE,
    CONCERN,
    HIGH,
    SELF_HARM,
    SUICIDE,
    find_crisis_language,
    find_personal_data,
    highlight,
    needs_moderator_alert,
    nhs_number_is_valid,
    passages,
)

# Sentences in the voice of people sharing health stories, with what should be found.
CRISIS_SENTENCES = [
    ("Some nights I just want to die and I can't see a way out of this.", SUICIDE, HIGH),
    ("After the diagnosis I started thinking about ending my life.", SUICIDE, HIGH),
    ("I've been feeling suicidal since they stopped my medication.", SUICIDE, HIGH),
    ("Honestly I don't want to be here anymore, the pain never stops.", SUICIDE, HIGH),
    ("Everyone would be better off without me, that's what I keep thinking.", SUICIDE, HIGH),
    ("Last winter I wrote a suicide note and then rang the crisis team instead.", SUICIDE, HIGH),
    ("I wished I could go to sleep and never wake up.", SUICIDE, HIGH),
    ("My brother died by suicide in 2019 and nobody asked how we were coping.", SUICIDE, CONCERN),
    ("I've been self-harming again since we moved house.", SELF_HARM, HIGH),
    ("When the voices get loud I get the urge to cut myself.", SELF_HARM, HIGH),
    ("She took an overdose at sixteen and waited nine hours in A&E.", SELF_HARM, HIGH),
    ("As a teenager I used to burn myself and hide it from my parents.", SELF_HARM, CONCERN),
    ("My husband hits me when he's been drinking and I can't tell anyone.", ABUSE, HIGH),
    ("I'm scared of my partner and I don't feel safe at home.", ABUSE, HIGH),
    (
        "I was sexually assaulted at university and the GP was the first person I told.",
        ABUSE,
        CONCERN,
    ),
    ("Years of domestic abuse left me with PTSD and a fear of doors slamming.", ABUSE, CONCERN),
    (
        "My stepdad abused me when I was small and it still shapes how I trust doctors.",
        ABUSE,
        CONCERN,
    ),
    ("I’m tired of everything and I want to kill myself.", SUICIDE, HIGH),  # curly apostrophe
]

# Everyday idioms and organisational talk that must not raise an alarm.
NOT_CRISIS_SENTENCES = [
    "I was killing time in the waiting room for three hours before anyone called my name.",
    "My feet are killing me after the 10k walk for the hospice.",
    "I nearly killed myself laughing at the panto with the kids.",
    "I cut myself shaving the morning of my operation, of all days.",
    "I cut myself a slice of cake to celebrate my last chemo session.",
    "Mum wanted to die at home, and the hospice team made that happen for her.",
    "I want to die at home, not in hospital, and I've written that in my care plan.",
    "Our group runs free suicide prevention training for barbers and hairdressers.",
    "It would be political suicide for the council to close the leisure centre.",
    "He has a history of substance abuse and got no support when he left prison.",
    "My friend is abusing her prescription painkillers and I don't know how to help.",
    "They don't want to be around me since the diagnosis, and it hurts.",
    "The physio said I'm dying to get back on the bike, and she's right.",
    "I was bored to death on the ward with no telly.",
    "It hit me that I hadn't seen daylight for a week.",
    "I hurt myself lifting the shopping and now my back is in spasm.",
    "The heat on the ward was killing me.",
]


@pytest.mark.parametrize(("sentence", "kind", "severity"), CRISIS_SENTENCES)
def test_crisis_language_is_found_in_realistic_writing(
    sentence: str, kind: str, severity: str
) -> None:
    findings = find_crisis_language(sentence)
    assert findings, sentence
    assert any(f.kind == kind and f.severity == severity for f in findings), findings
    assert needs_moderator_alert(findings)
    for f in findings:
        assert sentence[f.start : f.end] == f.text


@pytest.mark.parametrize("sentence", NOT_CRISIS_SENTENCES)
def test_idioms_and_organisational_talk_are_not_crisis_language(sentence: str) -> None:
    assert find_crisis_language(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "I'm not suicidal, but the waiting list is making everything so much harder.",
        "I have never self-harmed, but I understand why people in my group do.",
        "I'd never kill myself, I have my kids to think about.",
        "There were no thoughts of suicide, just exhaustion.",
    ],
)
def test_denials_still_signpost_gently_but_do_not_alert_moderators(sentence: str) -> None:
    findings = find_crisis_language(sentence)
    assert findings and all(f.negated for f in findings)
    assert not needs_moderator_alert(findings)


def test_negation_does_not_carry_over_a_but_or_a_full_stop() -> None:
    assert not find_crisis_language("I can't help but self harm when it gets bad.")[0].negated
    assert not find_crisis_language("I didn't sleep. I want to die.")[0].negated


# (sentence, kind, the text that should be highlighted)
PERSONAL_SENTENCES = [
    ("Ring me on 07700 900123 if you want to join the walking group.", "phone", "07700 900123"),
    ("My mobile is +44 7700 900456, text any time.", "phone", "+44 7700 900456"),
    ("The ward's direct line is 0161 496 0000 if you need it.", "phone", "0161 496 0000"),
    ("Call (020) 7946 0123 and ask for the carers' lead.", "phone", "(020) 7946 0123"),
    (
        "Email me at sarah.jones@gmail.com and I'll send the leaflet.",
        "email",
        "sarah.jones@gmail.com",
    ),
    (
        "My NHS number is 943 476 5919, if that helps anyone at the trust.",
        "nhs_number",
        "943 476 5919",
    ),
    ("Dad's NHS number: 401 023 2137 was on every letter.", "nhs_number", "401 023 2137"),
    (
        "We live at 12 Acacia Avenue and the ambulance still couldn't find us.",
        "address",
        "12 Acacia Avenue",
    ),
    ("Come to Flat 3, 27 Market Street on Thursday.", "address", "Flat 3, 27 Market Street"),
    ("The group meets near LS6 2AB, behind the library.", "postcode", "LS6 2AB"),
    ("Dr Patel was the first doctor who actually listened.", "name", "Dr Patel"),
    ("Mrs Jones next door has been checking on Mum every day.", "name", "Mrs Jones"),
    ("Nurse Sarah held my hand through the whole procedure.", "name", "Nurse Sarah"),
    ("I was on Ward 7 for a fortnight with no window.", "ward", "Ward 7"),
    ("The staff on Jubilee Ward were run off their feet.", "ward", "Jubilee Ward"),
    (
        "A social worker called Jenny Hughes came round twice.",
        "staff",
        "social worker called Jenny Hughes",
    ),
    ("My consultant, Okafor, never once looked up from the screen.", "staff", "consultant, Okafor"),
]

NOT_PERSONAL_SENTENCES = [
    "Call the Mind infoline on 0300 123 3393 or email info@mind.org.uk for advice.",
    "Samaritans are on 116 123, any time, and NHS 111 can help at night.",
    "The maternity ward was understaffed and the Labour Ward was full that night.",
    "I take 10 mg every day and my blood pressure is 130 over 85.",
    "The doctor said to rest. She was kind but rushed.",
    "My father. People don't understand how much I miss him.",
    "We waited 14 weeks for a referral and 3 more for the scan.",
    "My GP surgery is brilliant, the reception team know us all by name.",
    "I walk 5 miles a day now, which felt impossible last year.",
    "Our carers group in Leeds meets every second Tuesday.",
    "Order number 1234567890 never arrived, so I rang the pharmacy.",
]


@pytest.mark.parametrize(("sentence", "kind", "text"), PERSONAL_SENTENCES)
def test_personal_data_is_found_with_its_span(sentence: str, kind: str, text: str) -> None:
    findings = find_personal_data(sentence)
    assert [(f.kind, f.text) for f in findings if f.kind == kind] == [(kind, text)], findings
    for f in findings:
        assert sentence[f.start : f.end] == f.text


@pytest.mark.parametrize("sentence", NOT_PERSONAL_SENTENCES)
def test_organisations_and_ordinary_numbers_are_not_personal_data(sentence: str) -> None:
    assert find_personal_data(sentence) == []


def test_several_details_in_one_paragraph_are_each_found() -> None:
    text = (
        "Dr Patel on Ward 7 told me to ring 07700 900123 or email sarah.jones@gmail.com. "
        "My NHS number is 943 476 5919 and I live at 12 Acacia Avenue, Leeds LS6 2AB."
    )
    kinds = [f.kind for f in find_personal_data(text)]
    assert kinds == ["name", "ward", "phone", "email", "nhs_number", "address", "postcode"]


@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("943 476 5919", True),
        ("9434765919", True),
        ("401 023 2137", True),
        ("943 476 5918", False),  # wrong check digit
        ("943 476 591", False),  # nine digits
        ("000 000 0000", False),  # passes the sum, but no one has it
        ("123 456 7890", False),  # check digit would be 10: never issued
        ("abc def ghij", False),
    ],
)
def test_nhs_number_modulus_11_check(number: str, valid: bool) -> None:
    assert nhs_number_is_valid(number) is valid


def test_ten_digits_with_a_bad_check_digit_are_not_an_nhs_number_unless_it_says_so() -> None:
    assert find_personal_data("Reference 943 476 5918 on the letter.") == []
    assert [f.kind for f in find_personal_data("My NHS number is 943 476 5918.")] == ["nhs_number"]


def test_highlight_escapes_html_and_marks_findings() -> None:
    text = '<script>alert("x")</script> Dr Patel & me'
    html = highlight(text, find_personal_data(text))
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Dr Patel</mark> &amp; me" in html


def test_passages_show_only_paragraphs_with_findings_and_keep_line_breaks() -> None:
    text = "A first paragraph about waiting.\n\nThen Nurse Sarah came.\nShe stayed.\n\nA last one."
    result = passages(text, find_personal_data(text))
    assert len(result) == 1
    assert result[0].html == "Then <mark>Nurse Sarah</mark> came.<br>She stayed."


def test_long_paragraphs_are_trimmed_around_what_was_found() -> None:
    text = "word " * 400 + "ring 07700 900123 please " + "word " * 400
    (passage,) = passages(text, find_personal_data(text))
    assert "<mark>07700 900123</mark>" in passage.html
    assert passage.html.startswith("…") and passage.html.endswith("…")
    assert len(passage.html) < 900


COUNSEL_CHAT = Path("/work/shared/datasets/stories/counsel-chat/20200325_counsel_chat.csv")


@pytest.mark.skipif(not COUNSEL_CHAT.exists(), reason="counsel-chat data set not available here")
def test_false_alarm_rate_on_real_help_seeking_questions() -> None:
    """Counsel Chat (MIT licence): 800+ real questions to therapists, about a tenth of them about
    abuse, self-harm or suicide, and none with anyone's contact details. Personal-data prompts
    should almost never fire; crisis language should fire on a minority, not on everything."""
    csv.field_size_limit(10**8)
    with COUNSEL_CHAT.open(newline="", encoding="utf-8") as handle:
        questions = sorted(
            {row["questionText"] for row in csv.DictReader(handle) if row["questionText"]}
        )
    assert len(questions) > 500
    personal = sum(1 for q in questions if find_personal_data(q))
    crisis = sum(1 for q in questions if find_crisis_language(q))
    assert personal / len(questions) < 0.01
    assert 0.03 < crisis / len(questions) < 0.2


def test_scan_command_prints_counts_and_never_the_text(tmp_path: Path) -> None:
    from io import StringIO

    from django.core.management import call_command

    path = tmp_path / "sample.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text"])
        writer.writerow([1, "Some nights I just want to die."])
        writer.writerow([2, "Ring Nurse Sarah on 07700 900123."])
        writer.writerow([3, "The walk was lovely."])
    out = StringIO()
    call_command("safeguarding_scan", str(path), "--column", "text", stdout=out)
    report = out.getvalue()
    assert "3 distinct texts" in report
    assert "crisis language: 1 (33.3%)" in report and "personal data:   1 (33.3%)" in report
    assert "want to die" not in report and "07700" not in report
