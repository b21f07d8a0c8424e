from django.urls import path

from groundswell.introductions import views

app_name = "introductions"
urlpatterns = [
    path("", views.introduction_list, name="list"),
    path("new/", views.introduction_create, name="create"),
    path("<int:pk>/", views.introduction_detail, name="detail"),
    path("<int:pk>/accept/", views.introduction_accept, name="accept"),
    path("<int:pk>/decline/", views.introduction_decline, name="decline"),
    path("<int:pk>/withdraw/", views.introduction_withdraw, name="withdraw"),
]
