from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "groundswell.accounts"
    label = "accounts"

    def ready(self) -> None:
        from allauth.account.signals import user_logged_in

        from groundswell.accounts.models import Profile, User
        from groundswell.accounts.reauthentication import sign_in_counts_as_reauthentication
        from groundswell.core import pagecache

        user_logged_in.connect(
            sign_in_counts_as_reauthentication,
            dispatch_uid="groundswell.accounts.sign_in_counts_as_reauthentication",
        )
        # Names, handles and profiles show on nearly every page (core/pagecache.py); login
        # times and passwords do not.
        pagecache.watch(
            User,
            scopes=(pagecache.PEOPLE,),
            columns=("display_name", "handle", "username", "is_active", "site_role"),
            # A new account, and the empty profile made with it, show nowhere until they change
            # or it posts. Deletes always count.
            insert_when="FALSE",
        )
        pagecache.watch(Profile, scopes=(pagecache.PEOPLE,), insert_when="FALSE")
        pagecache.watch(Profile.topics.through, scopes=(pagecache.PEOPLE,))

        # The members and roles staff screen (staff_views.py): administrators only.
        from groundswell.accounts import notifying
        from groundswell.core.staff import is_administrator
        from groundswell.core.staffscreens import register_staff_screen

        notifying.connect()
        register_staff_screen(
            "members",
            _("Members and roles"),
            "staff_members:list",
            is_administrator,
        )
