"""Pages for managing personal access tokens (/members/me/tokens/)."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from groundswell.api import permissions, selectors, services
from groundswell.api.forms import TokenCreateForm
from groundswell.core.http import AuthenticatedHttpRequest


def _page(
    request: AuthenticatedHttpRequest,
    form: TokenCreateForm,
    *,
    new_secret: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "tokens": list(selectors.tokens_of(request.user)),
        "new_secret": new_secret,
        "max_tokens": services.MAX_ACTIVE_TOKENS,
    }
    return render(request, "api/tokens.html", context, status=status)


@never_cache
@login_required
@reauthentication_required(allow_get=True)
def token_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """List tokens and create one. Creating asks for the password again if it has been a while:
    a token can act for the member without their password or second factor."""
    if request.method != "POST":
        return _page(request, TokenCreateForm())
    form = TokenCreateForm(request.POST)
    if form.is_valid():
        try:
            token, secret = services.token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_in_days=form.expires_in_days(),
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            # The secret goes straight into this page, never into the session or a message,
            # and the page is never cached: it can't be shown again.
            messages.success(request, f"Token “{token.name}” created.")
            return _page(request, TokenCreateForm(), new_secret=secret)
    return _page(request, form, status=400)


@require_POST
@login_required
def token_revoke(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    token = permissions.get_token_for_user(request.user, pk)
    services.token_revoke(token=token, actor=request.user, request=request)
    messages.success(request, f"Token “{token.name}” revoked. It no longer works.")
    return redirect("api_tokens:list")
