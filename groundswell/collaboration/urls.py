from django.urls import path

from groundswell.collaboration import views

app_name = "collaboration"

urlpatterns = [
    path("invitations/", views.invitations, name="invitations"),
    path("invitations/<int:pk>/", views.invitation, name="invitation"),
    path("coauthors/<int:pk>/remove/", views.coauthor_remove, name="coauthor_remove"),
    path("coauthors/<int:pk>/leave/", views.coauthor_leave, name="coauthor_leave"),
    path("suggestions/<int:pk>/", views.suggestion_detail, name="suggestion"),
    path("suggestions/<int:pk>/accept/", views.suggestion_accept, name="suggestion_accept"),
    path("suggestions/<int:pk>/decline/", views.suggestion_decline, name="suggestion_decline"),
    path("<int:pk>/", views.resource, name="resource"),
    path("<int:pk>/history/", views.history, name="history"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/suggest/", views.suggest, name="suggest"),
]
