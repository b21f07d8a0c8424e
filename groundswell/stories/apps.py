from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "groundswell.stories"
    label = "stories"

    def ready(self) -> None:
        from groundswell.core import pagecache
        from groundswell.stories.models import Comment, Story, StoryRelation

        # What ends visitors' stored pages (core/pagecache.py): a story's own page, the pages
        # that list it as related, and every list of stories or comments. Counters do not.
        relation = StoryRelation._meta.db_table
        pagecache.watch(
            Story,
            scopes=("story:{id}", "list:stories"),
            columns=(
                "kind",
                "author_id",
                "identity",
                "pseudonym",
                "organisation_id",
                "audience",
                "status",
                "is_hidden",
                "title",
                "body_html",
                "excerpt",
                "place_id",
                "image",
                "image_alt",
                "published_at",
                "edited_at",
            ),
            fan_out=(
                f"SELECT 'story:' || story_id FROM {relation} WHERE related_id = {{row}}.id",  # noqa: S608
            ),
        )
        # A story posted as an organisation shows its name and verified badge.
        from groundswell.organisations.models import Organisation

        story_table = Story._meta.db_table
        pagecache.watch(
            Organisation,
            scopes=("list:stories",),
            columns=("name", "slug", "verified_at"),
            fan_out=(
                f"SELECT 'story:' || id FROM {story_table} WHERE organisation_id = {{row}}.id",  # noqa: S608
            ),
            insert_when="FALSE",
        )
        pagecache.watch(Story.topics.through, scopes=("story:{story_id}", "list:stories"))
        pagecache.watch(StoryRelation, scopes=("story:{story_id}",))
        pagecache.watch(
            Comment,
            scopes=("story:{story_id}", "list:comments"),
            columns=("author_id", "parent_id", "body_html", "is_deleted", "is_hidden", "edited_at"),
        )

        from groundswell.stories import content, notifying

        content.register()
        notifying.connect()

        from groundswell.api.routers import register_router
        from groundswell.stories import safeguarding_alerts
        from groundswell.stories.api import comments_router, router

        safeguarding_alerts.connect()
        register_router(router)
        register_router(comments_router)
