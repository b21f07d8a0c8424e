from django.http import HttpRequest, HttpResponse


def asset_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")
