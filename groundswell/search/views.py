from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from groundswell.core.pagecache import cache_for_anonymous, request_content_version
from groundswell.search import selectors
from groundswell.search.forms import SearchForm, filter_lists
from groundswell.search.query import parse_query


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "1")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 6 else 1


@cache_for_anonymous
@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """The search page: the form, and results once there are words to look for."""
    # Bound as soon as anything was submitted, so filters chosen without words are kept.
    submitted = any(name in request.GET for name in SearchForm.base_fields)
    version = request_content_version(request)
    lists = filter_lists(version)
    form = SearchForm(request.GET if submitted else None, lists=lists)
    query = ""
    parsed = None
    page = None
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"]
        parsed = parse_query(query)
        if not parsed.is_empty:
            criteria = selectors.SearchCriteria(
                parsed=parsed,
                kind=form.cleaned_data["kind"],
                topic=form.cleaned_data["topic"],
                place=form.cleaned_data["place"],
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
                order=form.cleaned_data["order"],
            )
            page = selectors.search(
                criteria=criteria,
                user=request.user,
                page_number=_page_number(request),
                content_version=version,
            )
    context = {
        "form": form,
        "query": query,
        "parsed": parsed,
        "page": page,
        "max_results": selectors.MAX_RESULTS,
    }
    return render(request, "search/search.html", context)
