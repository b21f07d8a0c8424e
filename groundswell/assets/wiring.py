"""The assets app's registrations with the shared apps, called once from AppConfig.ready()."""


def connect() -> None:
    """Register assets with the shared apps (filled in as each part lands)."""
