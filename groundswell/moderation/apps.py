from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "groundswell.moderation"
    label = "moderation"

    def ready(self) -> None:
        from groundswell.moderation import notifying, receivers, services
        from groundswell.stories import signals

        notifying.connect()

        signals.report_filed.connect(
            receivers.hold_after_reports, dispatch_uid="moderation.hold_after_reports"
        )
        signals.register_publish_gate("moderation.premoderation", services.premoderation_hold)
