"""Extension points (notifications listen here). Each is sent after the write commits.

- `invitation_created` (sender=Invitation, invitation): an email address was invited.
- `join_requested` (sender=JoinRequest, join_request): someone asked to join.
- `join_request_decided` (sender=JoinRequest, join_request, actor): accepted or declined.
- `organisation_verified` (sender=Organisation, organisation, actor): a moderator verified it.
"""

from django.dispatch import Signal

invitation_created = Signal()
join_requested = Signal()
join_request_decided = Signal()
organisation_verified = Signal()
