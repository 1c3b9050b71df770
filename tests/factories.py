"""factory_boy factories shared by all tests. Apps add theirs here or in tests/<app>/factories.py."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from awardsite.users import User
from submissions.enums import EntryState, OrganisationType
from submissions.models import Category, Criterion, Edition, Entry, EntryDataset, EntryOrganisation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"User {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """`verified=True` (the default) gives the user a verified primary e-mail address."""
        if not create:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=obj, email=obj.email, defaults={"verified": extracted is not False, "primary": True}
        )
        obj.save()


class EditionFactory(factory.django.DjangoModelFactory):
    """An edition that is open now: opened a month ago, closes in a month."""

    class Meta:
        model = Edition
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2100 + n)
    title = factory.LazyAttribute(lambda o: f"SODA {o.year}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=30))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    grace_minutes = 5
    jury_deadline = factory.LazyAttribute(lambda o: o.closes_at + timedelta(days=30))
    ceremony_at = factory.LazyAttribute(lambda o: o.closes_at + timedelta(days=60))
    prize_pot = Decimal("20000.00")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Categorie {n}")


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    edition = factory.SubFactory(EditionFactory)
    name = factory.Sequence(lambda n: f"Criterium {n}")
    weight = Decimal("1.00")
    scale_min = 1
    scale_max = 10


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    edition = factory.SubFactory(EditionFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Inzending {n}")
    summary = "Een app die open data gebruikt voor een maatschappelijke vraag."
    state = EntryState.DRAFT


class EntryOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryOrganisation

    entry = factory.SubFactory(EntryFactory)
    name = factory.Sequence(lambda n: f"Organisatie {n}")
    org_type = OrganisationType.MARKET


class EntryDatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryDataset

    entry = factory.SubFactory(EntryFactory)
    title = "Kerncijfers wijken en buurten"
    publisher = "Centraal Bureau voor de Statistiek"
    url = "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten"
    licence_id = "http://creativecommons.org/publicdomain/zero/1.0/deed.nl"
    licence_title = "CC-0"
    is_open_licence = True
    is_dutch_government = True
