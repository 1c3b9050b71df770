from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from submissions.models import CallPage, Edition, LateAccessCode
from tests.factories import EditionFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    from allauth.mfa.models import Authenticator

    user = UserFactory(is_superuser=True, is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(user)
    return client


def _edition_data(**overrides):
    fmt = "%Y-%m-%d %H:%M"
    now = timezone.localtime()
    data = {
        "year": "2031",
        "title": "SODA 2031",
        "opens_at": (now + timedelta(days=1)).strftime(fmt),
        "closes_at": (now + timedelta(days=60)).strftime(fmt),
        "grace_minutes": "5",
        "jury_deadline": (now + timedelta(days=90)).strftime(fmt),
        "ceremony_at": (now + timedelta(days=120)).strftime(fmt),
        "ceremony_place": "Den Haag",
        "prize_pot": "20000.00",
        "tie_break_rule": "median",
        "nominations_allowed": "on",
        "minimum_maturity": "2",
        "categories-TOTAL_FORMS": "1",
        "categories-INITIAL_FORMS": "0",
        "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "1000",
        "categories-0-name": "Overheid",
        "categories-0-description": "",
        "categories-0-sort_order": "0",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-name": "Impact",
        "criteria-0-description": "",
        "criteria-0-weight": "3",
        "criteria-0-scale_min": "1",
        "criteria-0-scale_max": "10",
        "criteria-0-sort_order": "0",
        "criteria-1-name": "Innovatie",
        "criteria-1-description": "",
        "criteria-1-weight": "2",
        "criteria-1-scale_min": "1",
        "criteria-1-scale_max": "10",
        "criteria-1-sort_order": "1",
    }
    data.update(overrides)
    return data


def test_secretariaat_sets_up_an_edition_with_categories_and_rubric(admin_client):
    url = reverse("wagtailsnippets_submissions_edition:add")
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, _edition_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    edition = Edition.objects.get(year=2031)
    assert list(edition.criteria.values_list("name", "weight")) == [("Impact", 3), ("Innovatie", 2)]
    assert edition.categories.get().name == "Overheid"
    assert edition.phase == "upcoming" and edition.judging_started_at is None
    edit = admin_client.get(reverse("wagtailsnippets_submissions_edition:edit", args=[edition.pk]))
    assert "Upcoming" in edit.content.decode() or "Binnenkort" in edit.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [
        {"closes_at": "2020-01-01 10:00"},
        {"criteria-0-weight": "0"},
        {"criteria-1-scale_max": "1"},
        {"prize_pot": "-1"},
    ],
)
def test_edition_validation_refuses_bad_set_up(admin_client, overrides):
    response = admin_client.post(reverse("wagtailsnippets_submissions_edition:add"), _edition_data(**overrides))
    assert response.status_code == 200
    assert not Edition.objects.filter(year=2031).exists()


def test_secretariaat_issues_a_late_access_code_in_the_admin(admin_client):
    edition = EditionFactory()
    entry = EntryFactory(edition=edition)
    deadline = timezone.localtime(edition.deadline_with_grace + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        reverse("wagtailsnippets_submissions_lateaccesscode:add"),
        {"edition": edition.pk, "user": entry.owner.pk, "entry": entry.pk, "deadline": deadline, "reason": "Ziek"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    code = LateAccessCode.objects.get()
    assert code.issued_by is not None and len(code.code) == 14


def test_call_page_shows_deadline_timeline_and_meedoen(client):
    from wagtail.models import Page, Site

    from awardsite.pages import HomePage

    edition = EditionFactory()
    root = Page.get_first_root_node()
    home = HomePage(title="Home", slug="home-test")
    root.add_child(instance=home)
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    page = CallPage(title="Doe mee", slug="meedoen", edition=edition, intro="Stuur in.")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(page.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-soda-deadline" in html and "data-soda-countdown-remaining" in html
    assert reverse("submissions:start_for_edition", args=[edition.year]) in html


def test_demo_loads_twice_without_duplicates():
    from io import StringIO

    from awardsite import demo as site_demo
    from submissions import demo
    from submissions.enums import EntryState
    from submissions.models import Entry

    site_demo.load(out=StringIO())
    demo.load(out=StringIO())
    count = Entry.objects.count()
    demo.load(out=StringIO())
    assert Entry.objects.count() == count >= 40
    assert Edition.objects.filter(year__in=[2022, 2023, 2024, 2025], judging_started_at__isnull=False).count() == 4
    open_edition = Edition.objects.get(year=2027)
    assert open_edition.phase_at(timezone.now()) in ("open", "upcoming", "closed")
    assert Entry.objects.filter(owner__email="inzender@demo.soda.example", state=EntryState.DRAFT).exists()
    assert not Entry.objects.filter(is_demo=False).exists()
    assert all("(demo)" in name for name in Entry.objects.values_list("organisations__name", flat=True))
    for year in (2022, 2023, 2024, 2025):
        assert 4 <= Edition.objects.get(year=year).criteria.count() <= 6
