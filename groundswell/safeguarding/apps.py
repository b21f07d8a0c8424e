from django.apps import AppConfig


class SafeguardingConfig(AppConfig):
    """Safeguarding listens to nobody: each kind's app calls services.content_published and
    content_edited when its content is published or changed, and declares the words to check
    (`safeguarding_text` in the content registry)."""

    name = "groundswell.safeguarding"
    label = "safeguarding"
    verbose_name = "Safeguarding"
