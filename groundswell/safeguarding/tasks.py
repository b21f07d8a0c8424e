from __future__ import annotations

from django.core.mail import send_mass_mail
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from groundswell.accounts.models import SiteRole, User
from groundswell.core.urls import absolute_url
from groundswell.safeguarding.models import SafeguardingAlert
from groundswell.sitepages.identity import email_subject_prefix, from_email, site_name


@task()
def email_moderators_about_alert(alert_id: int) -> int:
    """Tell each moderator a safeguarding alert is waiting. The email holds a link and nothing
    else: no title, no words from the post, no name, since email is not a safe place for them."""
    alert = SafeguardingAlert.objects.filter(pk=alert_id, acknowledged_at__isnull=True).first()
    if alert is None:
        return 0
    moderators = User.objects.filter(
        Q(site_role__in=[SiteRole.MODERATOR, SiteRole.ADMIN]) | Q(is_superuser=True), is_active=True
    ).exclude(email="")
    url = absolute_url(reverse("safeguarding:alerts"))
    subject = email_subject_prefix() + _("A safeguarding alert needs a look")
    body = render_to_string(
        "safeguarding/email/alert.txt",
        {"url": url, "is_high": alert.is_high, "site_name": site_name()},
    )
    messages = [(subject, body, from_email(), [m.email]) for m in moderators]
    return send_mass_mail(messages) if messages else 0
