from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SitePagesConfig(AppConfig):
    """The organisation's own site: its pages and its name, logo and colours. A base app: shared
    and domain apps may read it (identity.site_identity, the {% site_page_link %} tag); it reads
    only core, lib, audit and accounts, and plugs into privacy through its signals."""

    name = "groundswell.sitepages"
    label = "sitepages"
    verbose_name = "Site pages"

    def ready(self) -> None:
        from groundswell.audit.models import register_action
        from groundswell.core import pagecache
        from groundswell.core.staffscreens import register_staff_screen
        from groundswell.privacy.signals import account_deleting, register_export_section
        from groundswell.sitepages import selectors, services
        from groundswell.sitepages.models import SiteIdentity, SitePage
        from groundswell.sitepages.permissions import can_manage_site

        # Every page shows the name, logo, colours and the pages' titles (header and footer).
        pagecache.watch(SitePage, scopes=(pagecache.SITE,))
        pagecache.watch(SiteIdentity, scopes=(pagecache.SITE,))

        register_action(services.AUDIT_PAGE_SAVED, _("Changed a site page"))
        register_action(
            services.AUDIT_PAGE_RESTORED, _("Restored an earlier version of a site page")
        )
        register_action(
            services.AUDIT_IDENTITY_SAVED, _("Changed the site's name, logo or colours")
        )

        register_staff_screen(
            "site_pages", _("Site pages"), "sitepages:staff_pages", can_manage_site
        )
        register_staff_screen(
            "site_identity",
            _("Site name, logo and colours"),
            "sitepages:staff_identity",
            can_manage_site,
        )

        def erase_editor(sender: Any, *, user: Any, **kwargs: Any) -> None:
            services.editor_erase(user=user)

        account_deleting.connect(erase_editor, dispatch_uid="sitepages_erase_editor", weak=False)
        register_export_section(
            "site_page_edits",
            selectors.export_edits,
            description="Changes you made to the site's own pages, with what you wrote.",
        )
