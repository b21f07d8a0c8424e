"""/staff/topics/: config/urls.py includes this as
path("staff/topics/", include("groundswell.topics.staff_urls"))."""

from django.urls import path

from groundswell.topics import staff_views

app_name = "staff_topics"
urlpatterns = [
    path("", staff_views.topic_list, name="list"),
    path("new/", staff_views.topic_add, name="add"),
    path("<int:pk>/", staff_views.topic_edit, name="edit"),
    path("<int:pk>/merge/", staff_views.topic_merge, name="merge"),
    path("<int:pk>/retire/", staff_views.topic_retire, name="retire"),
]
