"""Who may write to whom, who may read a conversation, and who may report and review messages.
Plain predicates used by both the web pages and the API.

- Two members write to each other while they are connected and neither has blocked the other.
- Any signed-in member writes to an active organisation's shared inbox; its owners and admins
  read it and reply as the organisation.
- A moderator (on a two-step-verified web session) may write to a member about a safeguarding
  alert. That is the only conversation a moderator takes part in as a moderator.
- Moderators never read conversations. They see a reported message, alone, on the reported
  messages page (can_review_reports).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groundswell.accounts.models import User
from groundswell.core.staff import has_staff_powers, is_moderator
from groundswell.follows.selectors import are_connected, is_blocked
from groundswell.messaging.models import Conversation, ConversationKind, Message, Participant
from groundswell.organisations.models import Organisation
from groundswell.organisations.permissions import can_manage

CANT_REPLY_BLOCKED = gettext_lazy("You can't reply to this conversation.")
CANT_REPLY_NOT_CONNECTED = gettext_lazy(
    "You can't reply: you are no longer connected with this person."
)
CANT_REPLY_GONE = gettext_lazy("You can't reply: this account is closed.")
CANT_REPLY_ORGANISATION = gettext_lazy(
    "You can't reply: this organisation is no longer active on the site."
)


# Reasons, other than a connection, for which a member agreed to be written to by someone: an
# app registers `permit(sender, person) -> bool` from its AppConfig.ready() (the offers app:
# posting a need is consent to hear from whoever offers help with it). Blocks still refuse.
# Messaging never imports the apps that register here.
ContactPermit = Callable[[Any, User], bool]
_contact_permits: dict[str, ContactPermit] = {}


def register_contact_permit(name: str, permit: ContactPermit) -> None:
    """Let `sender` write to `person` (and both reply) when `permit(sender, person)` is True,
    though they are not connected. Each direction is asked separately."""
    _contact_permits[name] = permit


def unregister_contact_permit(name: str) -> None:
    """For tests that register a permit of their own."""
    _contact_permits.pop(name, None)


def _permitted(sender: Any, person: User) -> bool:
    return any(permit(sender, person) for permit in list(_contact_permits.values()))


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def person_refusal(sender: Any, person: User, *, with_permits: bool = False) -> str | None:
    """Why `sender` may not write to `person`, in plain words; None when they may.

    `with_permits` also asks the registered contact permits (sending a message does; the
    Message button on a profile, read on every profile view, follows connections only)."""
    if not _signed_in(sender) or sender.pk == person.pk or not person.is_active:
        return _("You can't send a message to this person.")
    if is_blocked(sender, person):
        return _("You can't send a message to this person.")
    if not are_connected(sender, person) and not (with_permits and _permitted(sender, person)):
        return _(
            "You can send messages to people you are connected with. Ask %(name)s "
            "to connect first, from their profile."
        ) % {"name": person.public_name}
    return None


def can_message_person(sender: Any, person: User) -> bool:
    return person_refusal(sender, person) is None


def can_message_organisation(sender: Any, org: Organisation) -> bool:
    """Any signed-in member, to an active organisation; not its own staff (they answer its
    inbox)."""
    return _signed_in(sender) and org.is_active and not can_manage(sender, org)


def can_contact_about_safety(sender: Any, person: User) -> bool:
    """A moderator acting as one (two-step-verified web session), to an active member."""
    return (
        has_staff_powers(sender)
        and person.is_active
        and sender.pk != person.pk
        and not is_blocked(sender, person)
    )


def can_review_reports(user: Any) -> bool:
    """The reported-messages page: moderators on a two-step-verified web session."""
    return has_staff_powers(user)


@dataclass
class Access:
    """How `viewer` sees one conversation: as a participant, or as staff of the organisation
    whose shared inbox it is in (`as_organisation`)."""

    conversation: Conversation
    viewer: Any
    participant: Participant | None
    as_organisation: bool
    people: list[User] = field(default_factory=list)  # every participant, viewer included

    @property
    def others(self) -> list[User]:
        return [p for p in self.people if p.pk != self.viewer.pk]


def get_conversation_for_user(user: Any, conversation_id: int) -> Access:
    """The conversation if `user` is in it (or answers its organisation's inbox); 404 for
    everyone else, moderators included."""
    if not _signed_in(user):
        raise Http404("No such conversation")
    conversation = (
        Conversation.objects.select_related("organisation").filter(pk=conversation_id).first()
    )
    if conversation is None:
        raise Http404("No such conversation")
    rows = list(
        Participant.objects.filter(conversation=conversation).select_related("user").order_by("pk")
    )
    mine = next((r for r in rows if r.user_id == user.pk), None)
    people = [r.user for r in rows]
    if mine is not None:
        return Access(conversation, user, mine, False, people)
    org = conversation.organisation
    if org is not None and can_manage(user, org):
        return Access(conversation, user, None, True, people)
    raise Http404("No such conversation")


def reply_refusal(access: Access) -> str | None:
    """Why the viewer can't write in this conversation now, in plain words; None when they can."""
    conversation, viewer = access.conversation, access.viewer
    others = access.others
    if conversation.kind == ConversationKind.ORGANISATION:
        org = conversation.organisation
        if org is None or not org.is_active:
            return str(CANT_REPLY_ORGANISATION)
        if access.as_organisation:
            if not others or not others[0].is_active:
                return str(CANT_REPLY_GONE)
            if is_blocked(viewer, others[0]):
                return str(CANT_REPLY_BLOCKED)
        return None
    if not others or not others[0].is_active:
        return str(CANT_REPLY_GONE)
    other = others[0]
    if is_blocked(viewer, other):
        return str(CANT_REPLY_BLOCKED)
    if (
        conversation.kind == ConversationKind.PEOPLE
        and not are_connected(viewer, other)
        and not _permitted(viewer, other)
    ):
        return str(CANT_REPLY_NOT_CONNECTED)
    if (
        conversation.kind == ConversationKind.SAFETY
        and is_moderator(viewer)
        and not has_staff_powers(viewer)
    ):
        return _("Sign in with two-step verification to write as a moderator.")
    return None


def can_report(access: Access, message: Message) -> bool:
    """Someone in the conversation may report a message they did not write."""
    if message.conversation_id != access.conversation.pk or message.is_removed:
        return False
    if access.as_organisation:
        return not message.as_organisation
    return message.sender_id != access.viewer.pk
