"""Background work for notifications, run by `manage.py db_worker`."""

from __future__ import annotations

from django.tasks import task

from groundswell.notifications import services


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification that its recipient wants straight away."""
    return services.notification_email_send(notification_id=notification_id)


@task()
def send_digests() -> dict[str, int]:
    """The daily and weekly summaries due now (`manage.py run_scheduled` runs this every minute;
    a site with its own scheduler can enqueue it instead)."""
    return services.digests_run().as_dict()
