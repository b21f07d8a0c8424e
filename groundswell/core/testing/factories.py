"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from factory.django import DjangoModelFactory

from groundswell.accounts.models import Profile, User
from groundswell.lib.markdown import render_markdown
from groundswell.places.models import Place
from groundswell.stories.models import Comment, Status, Story
from groundswell.topics.models import Topic


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    display_name = factory.Sequence(lambda n: f"Member Number {n}")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: bool | None, **kwargs: object) -> None:  # noqa: N805
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            Profile.objects.get_or_create(user=obj)


class TopicFactory(DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PlaceFactory(DjangoModelFactory[Place]):
    """A nation by default; pass parent= and level= for lower places. Path is set after create."""

    class Meta:
        model = Place
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Place {n}")
    slug = factory.Sequence(lambda n: f"place-{n}")
    level = "nation"
    parent = None

    @factory.post_generation
    def set_path(obj: Place, create: bool, extracted: object, **kwargs: object) -> None:  # noqa: N805
        if create:
            obj.path = f"{obj.parent.path if obj.parent else '/'}{obj.pk}/"
            obj.save(update_fields=["path"])


class StoryFactory(DjangoModelFactory[Story]):
    """A published public story by default."""

    class Meta:
        model = Story
        skip_postgeneration_save = True

    author = factory.SubFactory(UserFactory)
    kind = "story"
    title = factory.Sequence(lambda n: f"What helped me after my diagnosis, part {n}")
    body = "I found that **talking to others** made the waiting easier."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    excerpt = factory.LazyAttribute(lambda o: o.body[:200])
    status = Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(obj: Story, create: bool, extracted: list[Topic] | None, **kwargs: object) -> None:  # noqa: N805
        if create and extracted:
            obj.topics.set(extracted)


class CommentFactory(DjangoModelFactory[Comment]):
    class Meta:
        model = Comment

    story = factory.SubFactory(StoryFactory)
    author = factory.SubFactory(UserFactory)
    parent = None
    body = "Thank you for sharing this. It sounds so familiar."
    body_html = factory.LazyAttribute(lambda o: render_markdown(o.body))
    depth = factory.LazyAttribute(lambda o: o.parent.depth + 1 if o.parent else 0)
