"""Error responses: always JSON, always a message a person can act on."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from groundswell.api.auth import MISSING_AUTH_HINT
from groundswell.api.ratelimit import RateLimited

if TYPE_CHECKING:
    from ninja import NinjaAPI

logger = logging.getLogger(__name__)

# Marked for translation here, translated when sent (in the language of the request).
NOT_FOUND = gettext_noop("Not found. It may not exist, or you may not have access to it.")


def field_error(field: str, message: str, *, source: str = "body") -> NinjaValidationError:
    return NinjaValidationError([{"loc": [source, field], "msg": message, "type": "value_error"}])


def from_django(exc: DjangoValidationError, *, source: str = "body") -> NinjaValidationError:
    """A service's ValidationError as a 422 with one entry per field."""
    issues: list[dict[str, Any]] = []
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            loc = [source] if field == "__all__" else [source, field]
            issues.extend({"loc": loc, "msg": m, "type": "value_error"} for m in messages)
    else:
        issues.extend({"loc": [source], "msg": m, "type": "value_error"} for m in exc.messages)
    return NinjaValidationError(issues)


def _location(loc: Any) -> list[str | int]:
    """["body", "payload", "title"] -> ["body", "title"]: the parameter's name means nothing to
    a client. Every JSON body parameter is called `payload`."""
    parts = [p if isinstance(p, int) else str(p) for p in loc]
    if len(parts) > 1 and parts[0] == "body" and parts[1] == "payload":
        del parts[1]
    return parts


def install(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, detail: Any, status: int) -> HttpResponse:
        return api.create_response(request, {"detail": detail}, status=status)

    def on_authentication(request: HttpRequest, exc: Any) -> HttpResponse:
        message = exc.message if exc.message != "Unauthorized" else str(MISSING_AUTH_HINT)
        response = respond(request, message, 401)
        response["WWW-Authenticate"] = 'Bearer realm="api"'
        return response

    def on_rate_limited(request: HttpRequest, exc: Any) -> HttpResponse:
        response = respond(request, exc.message, 429)
        response["Retry-After"] = str(exc.retry_after)
        return response

    def on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, exc.message, exc.status_code)

    def on_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        issues = [
            {
                "loc": _location(issue.get("loc", [])),
                "msg": str(issue.get("msg", _("Not valid."))),
                "type": str(issue.get("type", "value_error")),
            }
            for issue in exc.errors
        ]
        # A cursor the API never gave is a bad request, whether its shape (the schema's pattern)
        # or its content (api/pagination.py) gives it away.
        if issues and all(issue["loc"] == ["query", "cursor"] for issue in issues):
            return respond(request, issues, 400)
        return respond(request, issues, 422)

    def on_django_validation(request: HttpRequest, exc: Any) -> HttpResponse:
        return on_validation(request, from_django(exc))

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, _(NOT_FOUND), 404)

    def on_permission_denied(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, str(exc) or _("You can't do that."), 403)

    def on_too_big(request: HttpRequest, exc: Any) -> HttpResponse:
        return respond(request, _("The request is too large."), 413)

    def on_error(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("API error", exc_info=exc)
        return respond(request, _("Something went wrong on our side. Please try again later."), 500)

    api.add_exception_handler(Exception, on_error)
    api.add_exception_handler(RequestDataTooBig, on_too_big)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(DjangoValidationError, on_django_validation)
    api.add_exception_handler(NinjaValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_authentication)
    api.add_exception_handler(RateLimited, on_rate_limited)
