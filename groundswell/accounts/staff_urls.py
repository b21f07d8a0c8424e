"""/staff/members/: config/urls.py includes this as
path("staff/members/", include("groundswell.accounts.staff_urls"))."""

from django.urls import path

from groundswell.accounts import staff_views

app_name = "staff_members"
urlpatterns = [
    path("", staff_views.member_list, name="list"),
    path("<slug:handle>/", staff_views.member_detail, name="detail"),
    path("<slug:handle>/role/", staff_views.member_role, name="role"),
    path("<slug:handle>/places/", staff_views.member_places, name="places"),
]
