from django.urls import path

from groundswell.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("new/", views.organisation_create, name="create"),
    path("mine/", views.my_organisations, name="mine"),
    path("to-verify/", views.to_verify, name="to_verify"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
    path("<slug:slug>/logo/", views.organisation_logo, name="logo"),
    path("<slug:slug>/settings/", views.organisation_settings, name="settings"),
    path("<slug:slug>/members/", views.organisation_members, name="members"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("<slug:slug>/join/", views.join, name="join"),
    path("<slug:slug>/join/withdraw/", views.join_withdraw, name="join_withdraw"),
    path("<slug:slug>/requests/<int:pk>/", views.request_decide, name="request_decide"),
    path("<slug:slug>/invite/", views.invite, name="invite"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/transfer/", views.transfer, name="transfer"),
    path("<slug:slug>/verify/", views.verify, name="verify"),
]
