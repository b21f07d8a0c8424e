from django.urls import path

from groundswell.follows import views

app_name = "follows"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("manage/", views.manage, name="manage"),
    path("settings/", views.network_settings, name="settings"),
    path("followers/<slug:handle>/remove/", views.follower_remove, name="follower_remove"),
    path("connections/", views.connections, name="connections"),
    path("connections/<slug:handle>/", views.person_connections, name="person_connections"),
    path(
        "connections/<slug:handle>/<slug:action>/",
        views.connection_action,
        name="connection_action",
    ),
    path("blocks/", views.blocks, name="blocks"),
    path("blocks/<slug:handle>/block/", views.block, name="block"),
    path("blocks/<slug:handle>/unblock/", views.unblock, name="unblock"),
    path("<slug:kind>/<slug:lookup>/follow/", views.follow, name="follow"),
    path("<slug:kind>/<slug:lookup>/unfollow/", views.unfollow, name="unfollow"),
]
