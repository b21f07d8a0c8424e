"""Search documents point at a content item (step 2 of 3): fill `item` and `context`.

A story's document gets the story's item; a comment's gets the comment's item, with its story's
item as context. One UPDATE per kind, so a million documents are not read into Python. Going
back fills `story` and `comment` from the items again.
"""

from django.db import migrations


def _fill_items(apps, schema_editor):  # type: ignore[no-untyped-def]
    doc = apps.get_model("search", "SearchDocument")._meta.db_table
    story = apps.get_model("stories", "Story")._meta.db_table
    comment = apps.get_model("stories", "Comment")._meta.db_table
    schema_editor.execute(
        f"UPDATE {doc} SET item_id = (SELECT s.item_id FROM {story} s WHERE s.id = {doc}.story_id), "  # noqa: S608
        "context_id = NULL WHERE comment_id IS NULL"
    )
    schema_editor.execute(
        f"UPDATE {doc} SET item_id = (SELECT c.item_id FROM {comment} c WHERE c.id = {doc}.comment_id), "  # noqa: S608
        f"context_id = (SELECT s.item_id FROM {story} s WHERE s.id = {doc}.story_id) "
        "WHERE comment_id IS NOT NULL"
    )


def _fill_stories(apps, schema_editor):  # type: ignore[no-untyped-def]
    doc = apps.get_model("search", "SearchDocument")._meta.db_table
    story = apps.get_model("stories", "Story")._meta.db_table
    comment = apps.get_model("stories", "Comment")._meta.db_table
    schema_editor.execute(
        f"UPDATE {doc} SET story_id = (SELECT s.id FROM {story} s WHERE s.item_id = {doc}.item_id), "  # noqa: S608
        f"comment_id = NULL WHERE doc_type = 'story'"
    )
    schema_editor.execute(
        f"UPDATE {doc} SET comment_id = (SELECT c.id FROM {comment} c WHERE c.item_id = {doc}.item_id), "  # noqa: S608
        f"story_id = (SELECT s.id FROM {story} s WHERE s.item_id = {doc}.context_id) "
        "WHERE doc_type = 'comment'"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_item_add")]

    operations = [migrations.RunPython(_fill_items, _fill_stories)]
