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


@task()
def send_notification_emails(notification_ids: list[int]) -> int:
    """Email the notifications a fan-out created for people who want them straight away (one task
    per batch of recipients, not one per person). Returns how many were sent."""
    return sum(
        services.notification_email_send(notification_id=notification_id)
        for notification_id in notification_ids
    )


@task()
def run_fanout(name: str, object_id: int) -> int:
    """A fan-out registered with notifications.fanout.register_job ("new in what you follow"):
    many notifications from one event, off the request that caused it."""
    from groundswell.notifications import fanout

    return fanout.run_job(name, object_id)
