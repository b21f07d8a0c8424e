"""/staff/places/: config/urls.py includes this as
path("staff/places/", include("groundswell.places.staff_urls"))."""

from django.urls import path

from groundswell.places import staff_views

app_name = "staff_places"
urlpatterns = [
    path("", staff_views.place_list, name="list"),
    path("new/", staff_views.place_add, name="add"),
    path("<int:pk>/", staff_views.place_edit, name="edit"),
    path("<int:pk>/retire/", staff_views.place_retire, name="retire"),
]
