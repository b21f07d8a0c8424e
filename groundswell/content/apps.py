from django.apps import AppConfig


class ContentConfig(AppConfig):
    """The shared content layer: one row per piece of content, and the registry of kinds.

    Listed in INSTALLED_APPS before the domain apps, which register their kinds from their own
    AppConfig.ready() (see registry.py)."""

    name = "groundswell.content"
    label = "content"
    verbose_name = "Content"
