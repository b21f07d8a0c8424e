from django.urls import path

from groundswell.core.pagecache import cache_for_anonymous
from groundswell.stories import views
from groundswell.stories.feeds import SiteFeed

app_name = "stories"
urlpatterns = [
    path("", views.home, name="home"),
    path("feed.atom", cache_for_anonymous(SiteFeed(), scopes=("list:stories",)), name="feed_site"),
    path("browse/<slug:kind>/", views.kind_list, name="kind_list"),
    path("stories/new/", views.story_create, name="create"),
    path("stories/mine/", views.my_stories, name="my_stories"),
    path("stories/<int:pk>/", views.story_detail, name="detail"),
    path("stories/<int:pk>/edit/", views.story_edit, name="edit"),
    path("stories/<int:pk>/publish/", views.story_publish, name="publish"),
    path("stories/<int:pk>/withdraw/", views.story_withdraw, name="withdraw"),
    path("stories/<int:pk>/reveal-author/", views.story_reveal_author, name="reveal_author"),
    path("stories/<int:pk>/comments/", views.comment_create, name="comment_create"),
    path("stories/<int:pk>/react/", views.story_react, name="react"),
    path("stories/<int:pk>/follow/", views.story_follow, name="follow"),
    path("stories/<int:pk>/report/", views.report, name="report"),
    path("media/<path:path>", views.story_image, name="image"),
    path("comments/<int:pk>/posted/", views.comment_posted, name="comment_posted"),
    path("comments/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comments/<int:pk>/delete/", views.comment_delete, name="comment_delete"),
    path("comments/<int:pk>/react/", views.comment_react, name="comment_react"),
    path("comments/<int:pk>/report/", views.report, {"target": "comment"}, name="comment_report"),
]
