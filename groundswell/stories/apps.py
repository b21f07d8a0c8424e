from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "groundswell.stories"
    label = "stories"
