from django.urls import path, reverse_lazy
from django.views.generic import RedirectView

from groundswell.moderation import views

app_name = "moderation"

# Staff pages: everything under moderation/ needs a moderator (or admin) whose session passed MFA.
staff_patterns = [
    path("moderation/", views.queue, name="queue"),
    path("moderation/stories/<int:pk>/", views.item_review, {"kind": "story"}, name="story"),
    path("moderation/comments/<int:pk>/", views.item_review, {"kind": "comment"}, name="comment"),
    path("moderation/members/<int:pk>/", views.member_item, name="member"),
    path(
        "moderation/stories/<int:pk>/hide/", views.item_hide, {"kind": "story"}, name="story_hide"
    ),
    path(
        "moderation/stories/<int:pk>/restore/",
        views.item_restore,
        {"kind": "story"},
        name="story_restore",
    ),
    path(
        "moderation/stories/<int:pk>/approve/",
        views.item_approve,
        {"kind": "story"},
        name="story_approve",
    ),
    path(
        "moderation/stories/<int:pk>/close-reports/",
        views.reports_close,
        {"kind": "story"},
        name="story_close",
    ),
    path(
        "moderation/comments/<int:pk>/hide/",
        views.item_hide,
        {"kind": "comment"},
        name="comment_hide",
    ),
    path(
        "moderation/comments/<int:pk>/restore/",
        views.item_restore,
        {"kind": "comment"},
        name="comment_restore",
    ),
    path(
        "moderation/comments/<int:pk>/approve/",
        views.item_approve,
        {"kind": "comment"},
        name="comment_approve",
    ),
    path(
        "moderation/comments/<int:pk>/close-reports/",
        views.reports_close,
        {"kind": "comment"},
        name="comment_close",
    ),
    path(
        "moderation/members/<int:pk>/close-reports/",
        views.reports_close,
        {"kind": "profile"},
        name="member_close",
    ),
    # Any other kind registered with `moderation=` (content.registry): moderation/links.py.
    path("moderation/content/<slug:kind>/<int:pk>/", views.item_review, name="item"),
    path("moderation/content/<slug:kind>/<int:pk>/hide/", views.item_hide, name="item_hide"),
    path(
        "moderation/content/<slug:kind>/<int:pk>/restore/",
        views.item_restore,
        name="item_restore",
    ),
    path(
        "moderation/content/<slug:kind>/<int:pk>/approve/",
        views.item_approve,
        name="item_approve",
    ),
    path(
        "moderation/content/<slug:kind>/<int:pk>/close-reports/",
        views.reports_close,
        name="item_close",
    ),
    path("moderation/appeals/<int:pk>/", views.appeal_decide, name="appeal_decide"),
    path("moderation/premoderation/", views.premoderation, name="premoderation"),
    path(
        "moderation/premoderation/<int:pk>/delete/",
        views.premoderation_delete,
        name="premoderation_delete",
    ),
    # Roles are changed on the members and roles staff screen (/staff/members/) now.
    path(
        "moderation/roles/",
        RedirectView.as_view(url=reverse_lazy("staff_members:list"), permanent=True),
        name="roles",
    ),
    path(
        "moderation/roles/<int:pk>/",
        RedirectView.as_view(url=reverse_lazy("staff_members:list"), permanent=True),
    ),
    path("moderation/audit/", views.audit_log, name="audit"),
    path("moderation/audit/export.csv", views.audit_export, name="audit_export"),
]

# Member pages: report a profile, appeal a decision, see decisions about your posts.
member_patterns = [
    path("members/<slug:handle>/report/", views.report_member, name="report_member"),
    path("appeals/", views.my_decisions, name="my_decisions"),
    path("appeals/stories/<int:pk>/", views.appeal, {"kind": "story"}, name="appeal_story"),
    path("appeals/comments/<int:pk>/", views.appeal, {"kind": "comment"}, name="appeal_comment"),
    path("appeals/content/<slug:kind>/<int:pk>/", views.appeal, name="appeal_item"),
]

urlpatterns = staff_patterns + member_patterns
