from django.urls import path

app_name = "topics"
urlpatterns: list = []
