from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Reports, hiding, holding, appeals and the queue for every kind of content that registers
    `moderation=` in its manifest (content.registry); this app never imports the kinds."""

    name = "groundswell.moderation"
    label = "moderation"

    def ready(self) -> None:
        from groundswell.moderation import notifying, receivers, signals

        notifying.connect()

        signals.report_filed.connect(
            receivers.hold_after_reports, dispatch_uid="moderation.hold_after_reports"
        )
