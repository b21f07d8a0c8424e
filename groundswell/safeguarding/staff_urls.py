"""/staff/help-lines/: config/urls.py includes this as
path("staff/help-lines/", include("groundswell.safeguarding.staff_urls"))."""

from django.urls import path

from groundswell.safeguarding import staff_views

app_name = "staff_helplines"
urlpatterns = [
    path("", staff_views.helpline_list, name="list"),
    path("new/", staff_views.helpline_add, name="add"),
    path("<int:pk>/", staff_views.helpline_edit, name="edit"),
]
