from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.safeguarding import permissions, selectors, services
from groundswell.safeguarding.helplines import helplines_for
from groundswell.safeguarding.models import SafeguardingAlert

PAGE_SIZE = 50


@never_cache
@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    """Open alerts, the most urgent first, then the recently acknowledged ones."""
    if not permissions.can_handle_alerts(request.user):
        raise PermissionDenied
    context = {
        "open_rows": selectors.alert_rows(open_only=True, limit=PAGE_SIZE),
        "done_rows": selectors.alert_rows(open_only=False, limit=20),
        "open_total": SafeguardingAlert.objects.open().count(),
        "helplines": helplines_for(None),
    }
    return render(request, "safeguarding/alerts.html", context)


@require_POST
@login_required
def alert_acknowledge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not permissions.can_handle_alerts(request.user):
        raise PermissionDenied
    alert = get_object_or_404(SafeguardingAlert, pk=pk)
    services.alert_acknowledge(
        alert=alert, actor=request.user, note=request.POST.get("note", ""), request=request
    )
    messages.success(request, _("Alert acknowledged. Thank you for checking."))
    return redirect("safeguarding:alerts")
