from django.urls import path

from groundswell.accounts import views

app_name = "accounts"
urlpatterns = [
    path("me/", views.profile_edit, name="profile_edit"),
    # A random handle, never the id: addresses can't be guessed or counted (accounts.models).
    path("<slug:handle>/", views.profile, name="profile"),
]
