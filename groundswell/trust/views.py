from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from groundswell.accounts.models import User
from groundswell.audit.models import AuditAction, AuditEvent
from groundswell.core.http import AuthenticatedHttpRequest
from groundswell.trust import conf, permissions, services
from groundswell.trust.forms import RemoveVerificationForm, TrustLevelForm, VerifyProfessionalForm
from groundswell.trust.models import TrustProfile

TRUST_ACTIONS = (
    AuditAction.TRUST_LEVEL_SET,
    AuditAction.TRUST_LEVEL_UNLOCKED,
    AuditAction.PROFESSIONAL_VERIFIED,
    AuditAction.PROFESSIONAL_UNVERIFIED,
)


def _add_errors(form: Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@never_cache
@login_required
def member_trust(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A moderator sees why someone has their level, sets or unlocks it, and verifies professionals."""
    if not permissions.can_manage_trust(request.user):
        raise PermissionDenied
    member = get_object_or_404(User.objects.select_related("profile"), pk=pk)
    profile = (
        TrustProfile.objects.select_related("level_set_by", "professional_verified_by")
        .filter(user=member)
        .first()
    )
    if profile is None:
        profile = services.trust_recalculate(user=member)
    actor = request.user
    is_self = member.pk == actor.pk
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action and is_self:
        raise PermissionDenied(_("You can't change your own trust level or verification."))
    level_form = TrustLevelForm(
        request.POST if action == "set_level" else None,
        initial={"level": profile.level, "lock": True},
    )
    verify_form = VerifyProfessionalForm(
        request.POST if action == "verify" else None, initial={"title": profile.professional_title}
    )
    remove_form = RemoveVerificationForm(request.POST if action == "unverify" else None)
    try:
        if action == "set_level" and level_form.is_valid():
            services.trust_set_level(
                member=member,
                actor=actor,
                level=level_form.cleaned_data["level"],
                lock=level_form.cleaned_data["lock"],
                reason=level_form.cleaned_data["reason"],
                request=request,
            )
            messages.success(request, _("Trust level saved and recorded in the audit log."))
            return redirect("trust:member", pk=member.pk)
        if action == "unlock":
            new = services.trust_unlock_level(member=member, actor=actor, request=request)
            messages.success(
                request,
                f"The level now changes automatically. It is {new.level}: {new.get_level_display()}.",
            )
            return redirect("trust:member", pk=member.pk)
        if action == "verify" and verify_form.is_valid():
            services.professional_verify(
                member=member, actor=actor, request=request, **verify_form.cleaned_data
            )
            messages.success(
                request, _("Verified. The badge now shows on their profile and named posts.")
            )
            return redirect("trust:member", pk=member.pk)
        if action == "unverify" and remove_form.is_valid():
            services.professional_unverify(
                member=member,
                actor=actor,
                reason=remove_form.cleaned_data["reason"],
                request=request,
            )
            messages.success(request, _("Verification removed."))
            return redirect("trust:member", pk=member.pk)
    except ValidationError as exc:
        _add_errors(
            {"set_level": level_form, "verify": verify_form, "unverify": remove_form}.get(
                action, level_form
            ),
            exc,
        )
    history = list(
        AuditEvent.objects.filter(
            target_type=TrustProfile._meta.label_lower,
            target_id=str(profile.pk),
            action__in=TRUST_ACTIONS,
        ).order_by("-created_at", "-id")[:20]
    )
    context: dict[str, Any] = {
        "member": member,
        "trust": profile,
        "limits": conf.trust_limits()[profile.level],
        "requirements": sorted(conf.trust_requirements().items()),
        "days_since_joining": (profile.recalculated_at - member.date_joined).days
        if profile.recalculated_at
        else None,
        "member_roles": member.profile.role_labels if hasattr(member, "profile") else [],
        "level_form": level_form,
        "verify_form": verify_form,
        "remove_form": remove_form,
        "history": history,
        "is_self": is_self,
    }
    status = 400 if action and request.method == "POST" else 200
    return render(request, "trust/member.html", context, status=status)
