from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, object]:
    return {
        "CONSENT_NOTICE_VERSION": settings.CONSENT_NOTICE_VERSION,
    }
