from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "groundswell.places"
    label = "places"
