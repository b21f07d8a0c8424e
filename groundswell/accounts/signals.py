"""Sent by accounts.services after the transaction commits.

site_role_changed(sender, user, actor, old, new): an administrator changed someone's site role.
"""

from __future__ import annotations

from django.dispatch import Signal

site_role_changed = Signal()
