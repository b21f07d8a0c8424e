from django.urls import path

app_name = "stories"
urlpatterns: list = []
