"""Extension points (notifications listen here). Sent after the write commits.

- `followed` (sender=Follow, follow=Follow, target=the followed thing)
- `connection_requested` (sender=Connection, connection, requester, recipient)
- `connection_accepted` (sender=Connection, connection, accepted_by, requester)
- `blocked` (sender=Block, blocker, blocked): never shown to the blocked person.
"""

from django.dispatch import Signal

followed = Signal()
connection_requested = Signal()
connection_accepted = Signal()
blocked = Signal()
