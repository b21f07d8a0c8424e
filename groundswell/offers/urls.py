from django.urls import path

from groundswell.offers import views

app_name = "offers"
urlpatterns = [
    path("", views.offer_list, name="list"),
    path("new/", views.offer_create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("waiting/", views.waiting, name="waiting"),
    path("people/<slug:handle>/", views.person, name="person"),
    path("<int:pk>/", views.offer_detail, name="detail"),
    path("<int:pk>/edit/", views.offer_edit, name="edit"),
    path("<int:pk>/withdraw/", views.offer_withdraw, name="withdraw"),
    path("<int:pk>/help/", views.offer_respond, name="respond"),
    path("<int:pk>/matched/", views.offer_matched, name="matched"),
    path("<int:pk>/done/", views.offer_done, name="done"),
    path("<int:pk>/thanks/", views.thanks_show, name="thanks"),
    path("<int:pk>/report/", views.offer_report, name="report"),
]
