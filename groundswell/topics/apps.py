from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "groundswell.topics"
    label = "topics"
