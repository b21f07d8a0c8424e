"""Safeguarding checks on text someone is about to publish. Pure functions: no Django state.

Two questions, each answered with character spans so a page can highlight what was found:

- `find_crisis_language`: does it talk about suicide, self-harm or abuse? The publish page then
  shows support lines, and moderators are told once it is published. Nothing is ever blocked.
- `find_personal_data`: does it name or identify someone (phone numbers, email addresses, NHS
  numbers, postcodes, street addresses, names with titles, named wards or staff)? The page then
  highlights the passage and suggests removing or changing it. Again, nothing is blocked.

Both are phrase and pattern lists, not models: they are fast, predictable and easy to review. They
lean towards a gentle prompt rather than silence, and skip common idioms ("killing time", "my
feet are killing me", "cut myself a slice") and organisational details (0800 help lines,
info@ addresses, "suicide prevention training") that are not about a person.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

# Marks the labels for translation without translating them here (no Django state): pages
# translate them when they show them.
from django.utils.translation import gettext_noop

SUICIDE = "suicide"
SELF_HARM = "self_harm"
ABUSE = "abuse"
CRISIS_LABELS = {
    SUICIDE: gettext_noop("Suicide"),
    SELF_HARM: gettext_noop("Self-harm"),
    ABUSE: gettext_noop("Abuse or violence"),
}

HIGH = "high"  # first-person, present intent or danger ("I want to end my life")
CONCERN = "concern"  # the subject comes up ("my brother died by suicide", "self-harm")

PERSONAL_LABELS = {
    "phone": gettext_noop("Phone number"),
    "email": gettext_noop("Email address"),
    "nhs_number": gettext_noop("NHS number"),
    "postcode": gettext_noop("Postcode"),
    "address": gettext_noop("Street address"),
    "name": gettext_noop("Name with a title"),
    "ward": gettext_noop("Named ward"),
    "staff": gettext_noop("Staff member's name"),
}


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    start: int
    end: int
    text: str
    severity: str = ""
    negated: bool = False


def _normalise(text: str) -> str:
    """Curly quotes to straight ones, character for character, so spans stay valid."""
    return (
        text.replace("\u2019", "'")
        .replace("\u2018", "'")
        .replace("\u2010", "-")
        .replace("\u2011", "-")
    )


# --- Crisis language ---------------------------------------------------------------------------

_ME = r"(?:my\s?self|myself)"
_I = r"(?:I|I'm|I\s+am|I've|I\s+have|I'd|I\s+had|I\s+was)"

# (kind, severity, pattern). Patterns are matched case-insensitively with word boundaries.
_CRISIS_PATTERNS: list[tuple[str, str, str]] = [
    # Suicide: intent in the first person.
    (
        SUICIDE,
        HIGH,
        rf"\b(?:kill|killing|killed)\s+{_ME}\b(?!\s+(?:laughing|with\s+laughter|working|trying|to\s+get))",
    ),
    (SUICIDE, HIGH, r"\b(?:end|ending|ended)\s+(?:my|it)\s+(?:own\s+)?life\b"),
    (SUICIDE, HIGH, r"\bend(?:ing)?\s+it\s+all\b"),
    (SUICIDE, HIGH, r"\b(?:take|taking|took)\s+my\s+own\s+life\b"),
    (
        SUICIDE,
        HIGH,
        r"\bI\s+(?:just\s+|really\s+|still\s+|sometimes\s+|often\s+|honestly\s+)?(?:want|wanted|wish|wished)\s+to\s+die\b"
        r"(?!\s+(?:at\s+home|in\s+(?:hospital|a\s+hospice|the\s+hospice|peace|my\s+(?:own\s+)?(?:bed|home))|peacefully|with\s+dignity|comfortably))",
    ),
    (SUICIDE, HIGH, r"\bwish(?:ed)?\s+I\s+(?:was|were)\s+dead\b"),
    (
        SUICIDE,
        HIGH,
        r"\bwish(?:ed)?\s+I\s+(?:could\s+)?(?:go\s+to\s+sleep\s+and\s+)?(?:never|not)\s+wake\s+up\b",
    ),
    (SUICIDE, HIGH, r"\bwish(?:ed)?\s+I\s+had\s+never\s+been\s+born\b"),
    (SUICIDE, HIGH, r"\bbetter\s+off\s+(?:dead|without\s+me)\b"),
    (
        SUICIDE,
        HIGH,
        r"\bI\s+(?:just\s+|really\s+|honestly\s+|sometimes\s+)?(?:don't|dont|do\s+not|didn't|didnt|did\s+not)\s+"
        r"want\s+to\s+(?:be\s+(?:here|alive)|live|go\s+on|wake\s+up)(?:\s+any\s?more)?\b",
    ),
    (
        SUICIDE,
        HIGH,
        r"\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on|carrying\s+on)\b",
    ),
    (SUICIDE, HIGH, r"\b(?:isn't|is\s+not|wasn't|was\s+not|not)\s+worth\s+living\b"),
    (
        SUICIDE,
        HIGH,
        rf"\b{_I}\s+(?:been\s+)?(?:feeling\s+|felt\s+|feel\s+)?(?:so\s+|really\s+|very\s+|quite\s+|a\s+bit\s+)?suicidal\b",
    ),
    (SUICIDE, HIGH, r"\bsuicid(?:e|al)\s+(?:note|notes|plan|plans|thoughts|feelings|urges)\b"),
    # Suicide: the subject comes up.
    (SUICIDE, CONCERN, r"\bsuicid(?:e|es|al)\b"),
    (SUICIDE, CONCERN, r"\b(?:took|taken|take)\s+(?:his|her|their)\s+own\s+life\b"),
    # Self-harm.
    (
        SELF_HARM,
        HIGH,
        r"\b(?:want|wanted|wanting|urge|urges|need|needed|tempted|thinking\s+about|thought\s+about|thoughts\s+of|going)\s+"
        rf"(?:to\s+)?(?:hurt|hurting|harm|harming|cut|cutting|burn|burning)\s+{_ME}\b",
    ),
    (
        SELF_HARM,
        HIGH,
        rf"\b{_I}\s+(?:been\s+|started\s+|still\s+|begun\s+|began\s+)?self[\s-]?harm(?:ing|ed)?\b",
    ),
    (SELF_HARM, HIGH, r"\b(?:took|taken|take|taking)\s+an\s+overdose\b"),
    (
        SELF_HARM,
        CONCERN,
        rf"\b(?:cut|cutting|burn|burning|burnt|burned|harm|harming|harmed|hurt|hurting|punch|punching|starve|starving)\s+{_ME}\b"
        r"(?!\s+(?:off|out|free|loose|shaving|slack|short|laughing|accidentally|by\s+accident|a\s|some\s|another\s|on\s|in\s|at\s|while|when|lifting|playing|running|doing|at\s+the\s+gym))",
    ),
    (SELF_HARM, CONCERN, r"\bself[\s-]?harm(?:s|ing|ed)?\b"),
    (SELF_HARM, CONCERN, r"\boverdos(?:e|es|ed|ing)\b"),
    (SELF_HARM, CONCERN, r"\bligatures?\b"),
    # Abuse and violence.
    (
        ABUSE,
        HIGH,
        r"\b(?:he|she|they|my\s+(?:husband|wife|partner|boyfriend|girlfriend|ex|ex-partner|dad|father|mum|mother|stepdad|stepfather|stepmum|stepmother|carer|son|daughter|brother|sister|uncle|aunt|grandad|grandfather))\s+"
        r"(?:still\s+|sometimes\s+|often\s+|keeps\s+|kept\s+|has\s+|had\s+|used\s+to\s+)?"
        r"(?:hits|hit|hitting|beats|beat|beating|kicks|kicked|punches|punched|slaps|slapped|chokes|choked|strangles|strangled|threatens|threatened|hurts|hurt|rapes|raped|touches|touched)\s+"
        r"(?:me|us|my\s+(?:kids|children|son|daughter|baby|mum|mother|dad|father))\b",
    ),
    (
        ABUSE,
        HIGH,
        r"\b(?:afraid|scared|frightened|terrified)\s+(?:of|to\s+go\s+home\s+to)\s+my\s+"
        r"(?:husband|wife|partner|boyfriend|girlfriend|ex|ex-partner|dad|father|mum|mother|stepdad|stepfather|carer|son|daughter)\b",
    ),
    (ABUSE, HIGH, r"\b(?:not|don't|dont|do\s+not)\s+(?:feel\s+)?safe\s+at\s+home\b"),
    (
        ABUSE,
        CONCERN,
        r"\b(?:domestic|sexual|child|childhood|emotional|physical|financial|psychological|elder|verbal|racial|online)\s+(?:abuse|violence)\b",
    ),
    (ABUSE, CONCERN, r"\babus(?:e|ed|es|ing|ive|er|ers)\b"),
    (
        ABUSE,
        CONCERN,
        r"\b(?:raped|rape|rapist|sexually\s+assaulted|sexual\s+assault|molested|molesting|coercive\s+control|FGM|female\s+genital\s+mutilation|forced\s+marriage)\b",
    ),
    (ABUSE, CONCERN, r"\b(?:strangled|choked)\s+me\b"),
]
_CRISIS_RE = [(kind, sev, re.compile(p, re.IGNORECASE)) for kind, sev, p in _CRISIS_PATTERNS]

# Words just before a match that make it figurative or about something else.
_NOT_CRISIS_BEFORE = {
    "abuse": {
        "substance",
        "drug",
        "drugs",
        "alcohol",
        "solvent",
        "steroid",
        "steroids",
        "opioid",
        "opiate",
        "prescription",
        "of",
    },
    "abused": {"substance", "drug", "alcohol", "commonly", "widely"},
    "suicide": {
        "political",
        "career",
        "social",
        "commercial",
        "financial",
        "electoral",
        "professional",
        "be",
    },
    "overdose": {"vitamin", "caffeine", "sugar", "sun", "accidental"},
}
# Words just after a match that make it organisational rather than personal.
_NOT_CRISIS_AFTER = {
    "suicide": {
        "prevention",
        "awareness",
        "statistics",
        "statistic",
        "rate",
        "rates",
        "squad",
        "training",
        "mission",
        "doors",
        "door",
        "bridge",
    },
    "suicides": {"prevention", "statistics", "rate", "rates"},
    "self-harm": {"awareness", "training", "policy", "policies", "statistics"},
    "self harm": {"awareness", "training", "policy", "policies", "statistics"},
    "abuse": {"of", "alcohol", "drugs", "substances", "prescription", "medication", "painkillers"},
    "abusing": {
        "alcohol",
        "drugs",
        "substances",
        "prescription",
        "medication",
        "medicine",
        "painkillers",
        "pills",
    },
    "abused": {
        "alcohol",
        "drugs",
        "substances",
        "prescription",
        "medication",
        "painkillers",
        "pills",
    },
    "overdose": {"awareness", "training", "kit", "kits"},
    "abusive": {"comments", "language", "messages", "emails", "calls", "callers", "tweets"},
}
_POSSESSIVES = {"her", "his", "their", "my", "your", "our"}
_NEGATORS = {"not", "never", "no", "nothing", "without", "nor", "neither", "longer"}
_WORD = re.compile(r"[A-Za-z']+")


def _words_before(text: str, start: int, count: int) -> list[str]:
    window = text[max(0, start - 80) : start]
    # Stop at the start of the sentence: a negation in the last sentence doesn't carry over.
    window = re.split(r"[.!?;:\n]", window)[-1]
    return [w.lower() for w in _WORD.findall(window)][-count:]


def _words_after(text: str, end: int, count: int) -> list[str]:
    window = re.split(r"[.!?;:\n]", text[end : end + 60])[0]
    return [w.lower() for w in _WORD.findall(window)][:count]


def _is_negated(text: str, start: int) -> bool:
    """'I'm not suicidal', 'I have never self-harmed', 'no thoughts of suicide'.

    Only the three words just before count, and "but" resets ("I can't help but self-harm").
    """
    words = _words_before(text, start, 3)
    if "but" in words:
        words = words[len(words) - words[::-1].index("but") :]
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


def _is_figurative(norm: str, match: re.Match[str]) -> bool:
    key = re.sub(r"\s+", " ", match.group(0).lower())
    before = _words_before(norm, match.start(), 1)
    if before and before[0] in _NOT_CRISIS_BEFORE.get(key, set()):
        return True
    after = _words_after(norm, match.end(), 2)
    exclusions = _NOT_CRISIS_AFTER.get(key, set())
    # "abusing her prescription medicine": look one word further after a possessive.
    return bool(after) and (
        after[0] in exclusions
        or (after[0] in _POSSESSIVES and len(after) > 1 and after[1] in exclusions)
    )


def find_crisis_language(text: str) -> list[Finding]:
    """Crisis language in `text`, one finding per passage, most serious reading kept.

    A finding is `negated` when the words just before it deny it ("I'm not suicidal"): the page
    still mentions support gently, but moderators are not alerted for it.
    """
    norm = _normalise(text or "")
    found: list[Finding] = []
    for kind, severity, pattern in _CRISIS_RE:
        for m in pattern.finditer(norm):
            if _is_figurative(norm, m):
                continue
            found.append(
                Finding(
                    kind=kind,
                    label=CRISIS_LABELS[kind],
                    start=m.start(),
                    end=m.end(),
                    text=text[m.start() : m.end()],
                    severity=severity,
                    negated=_is_negated(norm, m.start()),
                )
            )
    return _without_overlaps(found)


def needs_moderator_alert(findings: Iterable[Finding]) -> bool:
    return any(not f.negated for f in findings)


# --- Personal data ----------------------------------------------------------------------------

# UK numbers for people: mobiles (07) and landlines (01, 02). 03, 08 and 09 numbers belong to
# organisations (help lines, surgeries' switchboards), so they are left alone.
_PHONE_RE = re.compile(
    r"(?<![\w+(])(?:\+44\s?(?:\(0\)\s?)?|0044\s?|\(?0)([127]\d{1,4})\)?[\s-]?\d{2,4}[\s-]?\d{3,4}(?!\d)"
)
_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b"
)
# Role addresses for organisations are not personal data.
_ROLE_MAILBOXES = {
    "info",
    "hello",
    "contact",
    "enquiries",
    "enquiry",
    "admin",
    "office",
    "support",
    "help",
    "team",
    "mail",
    "reception",
    "bookings",
    "referrals",
    "pals",
    "feedback",
    "press",
    "media",
}
_NHS_RE = re.compile(r"(?<![\d-])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")
_NHS_CONTEXT_RE = re.compile(
    r"\b(?:NHS|CHI|hospital|patient)\s+(?:number|no\.?|num)\s*(?:is|was|:)?\s*$", re.IGNORECASE
)
_POSTCODE_RE = re.compile(
    r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE
)
_STREET_TYPES = (
    "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Close|Drive|Way|Crescent|Cres|Court|Ct|Place|Pl|Grove|"
    "Gardens|Gdns|Terrace|Walk|Hill|Row|Square|Sq|Mews|Rise|Parade|Vale|Boulevard|Approach|Wynd"
)
_ADDRESS_RE = re.compile(
    rf"\b(?:(?:Flat|Apartment|Apt)\s+\d+[A-Za-z]?,?\s+)?\d{{1,4}}[A-Za-z]?,?\s+(?:[A-Z][a-z'-]+\s+){{1,3}}(?:{_STREET_TYPES})\b\.?"
)
_NAME = r"[A-Z][a-z'-]+(?:-[A-Z][a-z'-]+)?"
# Titles are matched as written (capitalised): "Nurse Sarah" is a name, "the nurse said" is not.
# A full stop may follow an abbreviation ("Dr. Patel") but not a word ("my father. People").
_TITLES = (
    r"(?:Dr|DR|Mr|MR|Mrs|MRS|Ms|MS|Mx|Prof|Rev|Cllr)\.?"
    r"|Doctor|Miss|Professor|Sister|Nurse|Matron|Midwife|Reverend|Father|Consultant|Councillor"
)
_TITLE_NAME_RE = re.compile(rf"\b(?:{_TITLES})\s+({_NAME}(?:\s+{_NAME})?)")
_STAFF_ROLES = (
    r"nurse|sister|matron|consultant|surgeon|registrar|doctor|GP|midwife|health\s+visitor|social\s+worker|"
    r"care\s+co-?ordinator|key\s+worker|support\s+worker|healthcare\s+assistant|HCA|physio|physiotherapist|"
    r"therapist|counsellor|psychiatrist|psychologist|paramedic|receptionist|pharmacist|"
    r"occupational\s+therapist|OT|dietitian|dietician|manager|dentist|optician|teacher|SENCO|"
    r"care\s+worker|link\s+worker|social\s+prescriber|porter|cleaner|anaesthetist"
)
_STAFF_NAME_RE = re.compile(
    rf"\b(?i:{_STAFF_ROLES})(?:,\s*|\s+)(?:(?i:called|named)\s+)?({_NAME}(?:\s+{_NAME})?)"
)
_WARD_NUMBER_RE = re.compile(r"\b(?i:ward)\s+\d{1,3}[A-Za-z]?\b")
_WARD_NAME_RE = re.compile(r"\b((?:[A-Z][a-z'-]+\s+){1,2})Ward\b")

# Capitalised words that follow a title or role but are not names.
_NOT_NAMES = {
    w.lower()
    for w in [
        "The",
        "A",
        "An",
        "And",
        "But",
        "Or",
        "So",
        "If",
        "When",
        "While",
        "Who",
        "Whom",
        "What",
        "Which",
        "Where",
        "Why",
        "How",
        "That",
        "This",
        "These",
        "Those",
        "I",
        "I'm",
        "I've",
        "I'd",
        "He",
        "She",
        "They",
        "We",
        "You",
        "It",
        "His",
        "Her",
        "Their",
        "Our",
        "My",
        "Your",
        "Its",
        "Me",
        "Him",
        "Them",
        "Us",
        "Is",
        "Was",
        "Were",
        "Are",
        "Be",
        "Been",
        "Has",
        "Had",
        "Have",
        "Do",
        "Did",
        "Does",
        "Said",
        "Says",
        "Told",
        "Asked",
        "Came",
        "Come",
        "Went",
        "Saw",
        "Said",
        "Then",
        "Than",
        "There",
        "Here",
        "At",
        "In",
        "On",
        "Of",
        "For",
        "From",
        "To",
        "By",
        "With",
        "About",
        "After",
        "Before",
        "Again",
        "Just",
        "Also",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Christmas",
        "Easter",
        "Google",
        "Who",
        "Foster",
        "Strange",
        "Practitioner",
        "Practitioners",
        "Surgery",
        "Surgeries",
        "Practice",
        "Practices",
        "Appointment",
        "Appointments",
        "Team",
        "Teams",
        "Service",
        "Services",
        "Clinic",
        "Clinics",
        "Hospital",
        "Hospitals",
        "Ward",
        "Wards",
        "Unit",
        "Units",
        "Department",
        "Station",
        "Stations",
        "Led",
        "Lead",
        "Associate",
        "Associates",
        "Assistant",
        "Assistants",
        "Manager",
        "Managers",
        "Psychiatrist",
        "Psychologist",
        "Nurse",
        "Nurses",
        "Sister",
        "Doctor",
        "Doctors",
        "Consultant",
        "Consultants",
        "Surgeon",
        "Registrar",
        "Midwife",
        "Midwives",
        "Therapist",
        "Therapists",
        "Counsellor",
        "Physio",
        "Social",
        "Worker",
        "Workers",
        "Paramedic",
        "Paramedics",
        "Pharmacist",
        "Receptionist",
        "Health",
        "Mental",
        "Specialist",
        "Specialists",
        "NHS",
        "Trust",
        "Community",
        "District",
        "Practice",
        "Prescriber",
        "Prescribers",
        "Link",
        "Support",
        "Care",
        "Carer",
        "Carers",
        "England",
        "Wales",
        "Scotland",
        "Ireland",
        "UK",
        "Britain",
        "London",
        "A&E",
        "ICU",
        "ITU",
        "Emergency",
        "Duty",
        "On-call",
        "Locum",
        "Locums",
        "Ward's",
        "Christmas",
        "Google",
        "Okay",
        "OK",
        "Yes",
        "No",
        "Not",
        "Never",
        "Sometimes",
        "Today",
        "Tomorrow",
        "Yesterday",
        "Please",
        "She's",
        "He's",
        "They're",
        "We're",
        "It's",
        "I'll",
        "You're",
        "That's",
        "There's",
        "Out",
        "Up",
        "Down",
        "Off",
        "Over",
        "Thanks",
        "Thank",
        "Everyone",
        "Nobody",
        "Somebody",
        "Someone",
        "Anyone",
        "Everybody",
        "All",
        "Most",
        "Some",
        "Many",
        "Few",
    ]
}
# Kinds of ward, not names of wards.
_GENERIC_WARDS = {
    w.lower()
    for w in [
        "the",
        "a",
        "an",
        "my",
        "his",
        "her",
        "our",
        "their",
        "your",
        "same",
        "different",
        "another",
        "new",
        "old",
        "this",
        "that",
        "each",
        "every",
        "maternity",
        "labour",
        "labor",
        "children's",
        "childrens",
        "kids",
        "paediatric",
        "pediatric",
        "psychiatric",
        "psych",
        "mental",
        "health",
        "general",
        "surgical",
        "medical",
        "acute",
        "stroke",
        "cancer",
        "oncology",
        "geriatric",
        "elderly",
        "cardiac",
        "orthopaedic",
        "orthopedic",
        "antenatal",
        "postnatal",
        "isolation",
        "assessment",
        "emergency",
        "day",
        "side",
        "hospital",
        "nhs",
        "adult",
        "adults",
        "male",
        "female",
        "women's",
        "womens",
        "men's",
        "mens",
        "mixed",
        "secure",
        "locked",
        "open",
        "closed",
        "private",
        "respiratory",
        "covid",
        "renal",
        "neuro",
        "neurology",
        "haematology",
        "dementia",
        "rehab",
        "rehabilitation",
        "recovery",
        "transplant",
        "burns",
        "trauma",
        "short-stay",
        "long-stay",
        "admissions",
        "discharge",
        "observation",
        "high",
        "dependency",
        "intensive",
        "care",
        "neonatal",
        "special",
        "baby",
    ]
}


def nhs_number_is_valid(value: str) -> bool:
    """True when `value` (spaces and hyphens allowed) is 10 digits with a valid Modulus 11 check digit.

    Weights 10 down to 2 on the first nine digits; 11 minus the remainder mod 11 is the check
    digit, where 11 means 0 and 10 means the number is invalid.
    """
    digits = re.sub(r"[\s-]", "", value or "")
    if len(digits) != 10 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def _finding(kind: str, text: str, start: int, end: int) -> Finding:
    return Finding(
        kind=kind, label=PERSONAL_LABELS[kind], start=start, end=end, text=text[start:end]
    )


def _phones(text: str) -> Iterable[Finding]:
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        national = "0" + digits[2:] if digits.startswith("44") else digits
        if digits.startswith("0044"):
            national = "0" + digits[4:]
        if len(national) == 11 and national[1] in "127":
            yield _finding("phone", text, m.start(), m.end())


def _emails(text: str) -> Iterable[Finding]:
    for m in _EMAIL_RE.finditer(text):
        if m.group(0).split("@")[0].lower() not in _ROLE_MAILBOXES:
            yield _finding("email", text, m.start(), m.end())


def _nhs_numbers(text: str) -> Iterable[Finding]:
    for m in _NHS_RE.finditer(text):
        said_so = bool(_NHS_CONTEXT_RE.search(text[max(0, m.start() - 30) : m.start()]))
        # NHS numbers are written "943 476 5919"; "877-565-8860" is far more often a phone number.
        if said_so or (nhs_number_is_valid(m.group(0)) and "-" not in m.group(0)):
            yield _finding("nhs_number", text, m.start(), m.end())


def _name_words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(re.finditer(r"\S+", text[start:end]))


def _names(pattern: re.Pattern[str], kind: str, text: str) -> Iterable[Finding]:
    for m in pattern.finditer(text):
        # Keep the name only up to the first word that isn't one ("Dr Patel Said" -> "Dr Patel").
        last_end = None
        for w in _name_words(text, m.start(1), m.end(1)):
            if w.group(0).lower() in _NOT_NAMES or len(w.group(0)) < 2:
                break
            last_end = m.start(1) + w.end()
        if last_end is not None:
            yield _finding(kind, text, m.start(), last_end)


def _wards(text: str) -> Iterable[Finding]:
    for m in _WARD_NUMBER_RE.finditer(text):
        yield _finding("ward", text, m.start(), m.end())
    for m in _WARD_NAME_RE.finditer(text):
        words = _name_words(text, m.start(1), m.end(1))
        while words and words[0].group(0).lower() in _GENERIC_WARDS | _NOT_NAMES:
            words.pop(0)
        if not words or any(w.group(0).lower() in _GENERIC_WARDS for w in words):
            continue
        yield _finding("ward", text, m.start(1) + words[0].start(), m.end())


def find_personal_data(text: str) -> list[Finding]:
    """Details that could identify someone, in order; overlapping matches keep the longest."""
    norm = _normalise(text or "")
    found: list[Finding] = []
    found += _nhs_numbers(norm)
    found += _phones(norm)
    found += _emails(norm)
    found += (_finding("postcode", norm, m.start(), m.end()) for m in _POSTCODE_RE.finditer(norm))
    found += (_finding("address", norm, m.start(), m.end()) for m in _ADDRESS_RE.finditer(norm))
    found += _names(_TITLE_NAME_RE, "name", norm)
    found += _names(_STAFF_NAME_RE, "staff", norm)
    found += _wards(norm)
    # Report the member's own characters, not the normalised ones.
    found = [Finding(f.kind, f.label, f.start, f.end, text[f.start : f.end]) for f in found]
    return _without_overlaps(found)


# Crisis findings keep the most serious reading of a passage; personal data the longest match.
_SEVERITY_RANK = {HIGH: 2, CONCERN: 1, "": 0}


def _without_overlaps(findings: list[Finding]) -> list[Finding]:
    ordered = sorted(
        findings,
        key=lambda f: (-_SEVERITY_RANK[f.severity], f.negated, -(f.end - f.start), f.start),
    )
    kept: list[Finding] = []
    for f in ordered:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda f: f.start)


# --- Showing findings -------------------------------------------------------------------------


def highlight(text: str, findings: Iterable[Finding], *, offset: int = 0) -> str:
    """`text` as escaped HTML with each finding wrapped in <mark>. Offsets are into `text` + offset."""
    spans = sorted(
        (max(f.start - offset, 0), min(f.end - offset, len(text)))
        for f in findings
        if f.end > offset and f.start < offset + len(text)
    )
    out: list[str] = []
    pos = 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


@dataclass(frozen=True)
class Passage:
    """A paragraph that contains findings, ready to show: `html` is escaped, with <mark>s."""

    html: str
    findings: tuple[Finding, ...]


_PARAGRAPH_RE = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


def passages(
    text: str, findings: Iterable[Finding], *, max_chars: int = 700, limit: int = 12
) -> list[Passage]:
    """The paragraphs of `text` that contain findings, each highlighted; long ones trimmed around them."""
    findings = sorted(findings, key=lambda f: f.start)
    result: list[Passage] = []
    for para in _PARAGRAPH_RE.finditer(text or ""):
        inside = tuple(f for f in findings if f.start >= para.start() and f.end <= para.end())
        if not inside:
            continue
        start, end = para.start(), para.end()
        if end - start > max_chars:
            start = max(start, inside[0].start - max_chars // 3)
            end = min(end, max(inside[-1].end, start + max_chars))
            inside = tuple(f for f in inside if f.start >= start and f.end <= end)
        body = highlight(text[start:end], inside, offset=start)
        prefix = "…" if start > para.start() else ""
        suffix = "…" if end < para.end() else ""
        result.append(Passage(html=prefix + body.replace("\n", "<br>") + suffix, findings=inside))
        if len(result) >= limit:
            break
    return result
