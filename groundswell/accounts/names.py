"""Which names a member may use: the one rule, for display names and pseudonyms alike.

A name must not pass for something the site prints itself ("Anonymous member", "Former
member"), and must not pass for someone else: a display name may not look like a moderator's or
an administrator's name, and a pseudonym may not look like any member's display name, including
the author's own (that would defeat the pseudonym). "Looks like" is lib.text.name_key: Unicode's
confusables (UTS #39) with case, invisible characters, spaces and punctuation left out, so
"Sam Jones", "SAM JONES", "Sam.Jones" and "Sаm Jones" with a Cyrillic а are one name.

Callers: the sign-up and profile forms (display names), and the story form and the API (pseudonyms).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from groundswell.accounts.models import SiteRole, User
from groundswell.lib.text import clean_name, name_key

# Labels the site prints in place of a name. Any other byline the code prints belongs here.
RESERVED_NAMES = (
    "Anonymous member",  # stories.models.byline, for anonymous stories
    "Former member",  # privacy.services.FORMER_MEMBER_NAME, for deleted accounts
    "Deleted account",  # audit log entries of deleted accounts: "Deleted account (#12)"
    "A member",  # the screen-reader label of a deleted comment
    "Moderator",
    "Moderators",
    "Administrator",
)
# "Member 12" is the name of a member who has not chosen one (accounts.models.public_name).
_NUMBERED_MEMBER = "Member"

_STAFF = (
    Q(site_role__in=[SiteRole.MODERATOR, SiteRole.ADMIN]) | Q(is_superuser=True) | Q(is_staff=True)
)


@cache
def _reserved_keys() -> dict[str, str]:
    return {name_key(label): label for label in RESERVED_NAMES}


def reserved_label(name: str) -> str | None:
    """The site's own label that `name` would pass for, if any."""
    key = name_key(name)
    if not key:
        return None
    if key in _reserved_keys():
        return _reserved_keys()[key]
    prefix = name_key(_NUMBERED_MEMBER)
    digits = {name_key(d) for d in "0123456789"}
    rest = key.removeprefix(prefix)
    if rest != key and rest and all(c in digits for c in rest):
        return f"{_NUMBERED_MEMBER} {rest}"
    return None


def _reserved_message(label: str, *, pseudonym: bool) -> str:
    if pseudonym:
        message = _(
            "The site shows “%(label)s” in place of a name, so it can't be used as a pseudonym, "
            "even written a little differently. Please choose another."
        )
    else:
        message = _(
            "The site shows “%(label)s” in place of a name, so it can't be used as a display "
            "name, even written a little differently. Please choose another."
        )
    return message % {"label": label}


def clean_display_name(value: str, *, user: User | None) -> str:
    """The display name to save, cleaned; ValidationError says kindly what is wrong with it.
    `user` is the person choosing it (None while signing up)."""
    name = clean_name(value)
    if not name:
        raise ValidationError(_("Enter a display name."), code="required")
    label = reserved_label(name)
    if label is not None:
        raise ValidationError(_reserved_message(label, pseudonym=False), code="reserved")
    key = name_key(name)[:255]
    staff = User.objects.filter(_STAFF, display_name_key=key)
    if user is not None and user.pk is not None:
        staff = staff.exclude(pk=user.pk)
    if key and staff.exists():
        raise ValidationError(
            _(
                "That name looks too like the name of someone on the moderation team, and people "
                "could mistake you for them. Please choose a different one."
            ),
            code="staff",
        )
    return name


def clean_pseudonym(value: str, *, author: Any, current: str = "") -> str:
    """The pseudonym to save, cleaned; ValidationError says kindly what is wrong with it.

    `current` is the story's pseudonym before this change: keeping it is always allowed, so a
    member who signs up later under that name doesn't stop the author editing their story.
    """
    pseudonym = clean_name(value)
    if not pseudonym:
        raise ValidationError(
            _("Enter a pseudonym, or choose another way to be shown."), code="required"
        )
    key = name_key(pseudonym)[:255]
    own = {
        name_key(getattr(author, "display_name", "") or ""),
        (getattr(author, "email", "") or "").casefold(),
        (getattr(author, "username", "") or "").casefold(),
    } - {""}
    if key in own or pseudonym.casefold() in own:
        raise ValidationError(
            _("That is your own name or email. Choose a pseudonym people can't link to you."),
            code="own",
        )
    label = reserved_label(pseudonym)
    if label is not None:
        raise ValidationError(_reserved_message(label, pseudonym=True), code="reserved")
    if current and key == name_key(current)[:255]:
        return pseudonym
    others = User.objects.filter(display_name_key=key)
    if getattr(author, "pk", None) is not None:
        others = others.exclude(pk=author.pk)
    if key and others.exists():
        raise ValidationError(
            _(
                "That is the name another member goes by here, so readers could think they wrote "
                "this. Please choose a different pseudonym."
            ),
            code="taken",
        )
    return pseudonym
