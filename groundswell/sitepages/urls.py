from django.urls import path

from groundswell.sitepages import views

app_name = "sitepages"
urlpatterns = [
    path("pages/<slug:slug>/", views.page, name="page"),
    path("site/logo/<str:name>", views.logo, name="logo"),
    path("staff/site/pages/", views.staff_pages, name="staff_pages"),
    path("staff/site/pages/<slug:slug>/", views.staff_page_edit, name="staff_page_edit"),
    path(
        "staff/site/pages/<slug:slug>/history/",
        views.staff_page_history,
        name="staff_page_history",
    ),
    path(
        "staff/site/pages/<slug:slug>/history/<int:pk>/",
        views.staff_revision,
        name="staff_revision",
    ),
    path(
        "staff/site/pages/<slug:slug>/history/<int:pk>/restore/",
        views.staff_revision_restore,
        name="staff_revision_restore",
    ),
    path("staff/site/identity/", views.staff_identity, name="staff_identity"),
]
