from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "groundswell.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from groundswell.accounts.reauthentication import sign_in_counts_as_reauthentication

        user_logged_in.connect(
            sign_in_counts_as_reauthentication,
            dispatch_uid="groundswell.accounts.sign_in_counts_as_reauthentication",
        )
