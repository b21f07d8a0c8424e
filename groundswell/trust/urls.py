from django.urls import path

from groundswell.trust import views

app_name = "trust"
urlpatterns = [
    path("members/<int:pk>/", views.member_trust, name="member"),
]
