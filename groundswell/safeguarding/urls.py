from django.urls import path

from groundswell.safeguarding import views

app_name = "safeguarding"
urlpatterns = [
    path("alerts/", views.alert_list, name="alerts"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="acknowledge"),
]
