"""Atom feeds whose links use SITE_URL (core.urls.absolute_url).

Django's Feed makes its links absolute with django.contrib.sites' domain, which nobody sets (it
said example.com). Feeds subclass this `Feed` instead: every link a feed prints (the feed's own
address, its page, each entry) is put on SITE_URL, whatever the request's Host header said.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django.contrib.syndication import views as syndication
from django.http import HttpRequest
from django.utils.feedgenerator import SyndicationFeed

from groundswell.core.urls import absolute_url

_request_path: ContextVar[str] = ContextVar("feed_request_path", default="/")
_LINKS = frozenset({"link", "feed_url", "item_link", "author_link", "item_author_link"})


class Feed[T, O](syndication.Feed[T, O]):
    def get_feed(self, obj: O, request: HttpRequest) -> SyndicationFeed:
        token = _request_path.set(request.path)
        try:
            return super().get_feed(obj, request)
        finally:
            _request_path.reset(token)

    def _get_dynamic_attr(self, attname: str, obj: Any, default: Any = None) -> Any:
        value = super()._get_dynamic_attr(attname, obj, default)  # type: ignore[misc]
        if attname == "feed_url" and not value:
            value = _request_path.get()
        if (
            attname in _LINKS
            and isinstance(value, str)
            and value.startswith("/")
            and value[1:2] != "/"
        ):
            return absolute_url(value)
        return value
