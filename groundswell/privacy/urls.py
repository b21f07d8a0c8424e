from django.urls import path

from groundswell.privacy import views

app_name = "privacy"
urlpatterns = [
    path("data/", views.data, name="data"),
    path("data/<int:pk>/download/<str:token>/", views.download, name="download"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:pk>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("delete/", views.delete_account, name="delete"),
    path("delete/done/", views.deleted, name="deleted"),
]
