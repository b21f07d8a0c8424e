from django.urls import path

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.stories.feeds import TopicFeed
from groundswell.topics import views

app_name = "topics"
urlpatterns = [
    path("", views.topic_index, name="index"),
    path("<slug:slug>/", views.topic_detail, name="detail"),
    path(
        "<slug:slug>/feed.atom",
        cache_for_anonymous(TopicFeed(), scopes=("list:stories",)),
        name="feed",
    ),
]
