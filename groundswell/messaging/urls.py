from django.urls import path

from groundswell.messaging import views

app_name = "messaging"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.new, name="new"),
    path("reported/", views.reported, name="reported"),
    path("reported/<int:report_id>/", views.reported_message, name="reported_message"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("<int:pk>/read/", views.mark_read, name="mark_read"),
    path("<int:pk>/report/<int:message_id>/", views.report, name="report"),
]
