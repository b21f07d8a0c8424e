"""What moderation tells other apps. Receivers connect in their AppConfig.ready() with a
dispatch_uid; signals are sent after the transaction commits."""

from __future__ import annotations

from django.dispatch import Signal

# sender=Report, report=Report: a member reported a piece of content or a profile.
report_filed = Signal()
