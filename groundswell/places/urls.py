from django.urls import path

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.places import views
from groundswell.stories.feeds import PlaceFeed

app_name = "places"
urlpatterns = [
    path("", views.place_index, name="index"),
    path("<slug:slug>/", views.place_detail, name="detail"),
    path(
        "<slug:slug>/feed.atom",
        cache_for_anonymous(PlaceFeed(), scopes=("list:stories",)),
        name="feed",
    ),
]
