"""Entry to showcase page, results publication, the admin actions and the dashboard panel."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.urls import reverse

from awardsite.audit import AuditEvent
from awardsite.roles import INZENDERS, REDACTIE, SECRETARIAAT
from showcase.enums import AwardKind
from showcase.models import ShowcasePage
from showcase.selectors import entries_ready_for_showcase
from showcase.services import ShowcaseError, create_showcase_page_from_entry, publish_results
from submissions.enums import EntryState, OrganisationType
from submissions.models import EntryImage
from tests.awardsite.factories import log_in, user_with_role
from tests.factories import EntryDatasetFactory, EntryFactory, EntryOrganisationFactory, UserFactory

from .factories import past_edition, png_bytes

pytestmark = [
    pytest.mark.django_db,
    # Wagtail's AbstractImage.generate_rendition_file never closes its SpooledTemporaryFile, so
    # rendering an image rendition leaks one (a Wagtail bug, not ours); only that warning is ignored.
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in.*SpooledTemporaryFile:pytest.PytestUnraisableExceptionWarning"
    ),
]


def member(group_name, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user


@pytest.fixture
def winner():
    edition = past_edition(year=2081, published=False)
    entry = EntryFactory(
        edition=edition,
        title="Wijkkompas",
        summary="Laat zien hoe uw wijk ervoor staat.",
        description='<p>Uitleg <script>alert(1)</script><a href="javascript:alert(1)">x</a></p>',
        consent_publish=True,
        state=EntryState.WINNER,
        application_type="website",
        themes=["bestuur"],
    )
    EntryOrganisationFactory(entry=entry, name="Datalab Noord", org_type=OrganisationType.CIVIL_SOCIETY)
    EntryDatasetFactory(entry=entry, ckan_name="kerncijfers-wijken-en-buurten")
    image = EntryImage(entry=entry, alt_text="Kaart van de wijk met kleuren per buurt", content_type="image/png")
    image.file.save("kaart.png", ContentFile(png_bytes()), save=True)
    return entry


def test_editor_creates_a_prefilled_draft_under_the_year_page(showcase_index, winner):
    editor = member(REDACTIE)
    page = create_showcase_page_from_entry(entry=winner, by=editor)
    page = ShowcasePage.objects.get(pk=page.pk)
    assert not page.live
    assert page.entry == winner
    assert page.edition == winner.edition
    assert page.get_parent().specific.edition == winner.edition
    assert page.title == "Wijkkompas"
    assert "<script" not in page.description and "javascript:" not in page.description
    assert page.award_kind == AwardKind.WINNER
    assert [o.name for o in page.organisations.all()] == ["Datalab Noord"]
    assert [d.ckan_name for d in page.datasets.all()] == ["kerncijfers-wijken-en-buurten"]
    [copied] = page.images.all()
    assert copied.image.alt_text == "Kaart van de wijk met kleuren per buurt"
    assert copied.image.width == 64
    assert page.latest_revision is not None
    assert AuditEvent.objects.filter(action="showcase.page_created_from_entry", object_id=str(page.pk)).exists()
    assert winner not in entries_ready_for_showcase()


def test_entry_without_consent_is_refused_and_not_listed(showcase_index, winner):
    winner.consent_publish = False
    winner.save()
    assert winner not in entries_ready_for_showcase()
    with pytest.raises(ShowcaseError):
        create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    assert not ShowcasePage.objects.exists()


def test_not_selected_entry_is_refused(showcase_index, winner):
    winner.state = EntryState.NOT_SELECTED
    winner.save()
    with pytest.raises(ShowcaseError):
        create_showcase_page_from_entry(entry=winner, by=member(SECRETARIAAT))


def test_second_page_for_the_same_entry_is_refused(showcase_index, winner):
    create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    with pytest.raises(ShowcaseError):
        create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    assert ShowcasePage.objects.count() == 1


def test_entrant_cannot_create_a_showcase_page(showcase_index, winner):
    with pytest.raises(PermissionDenied):
        create_showcase_page_from_entry(entry=winner, by=member(INZENDERS))


def test_admin_button_creates_page_and_opens_the_editor(client, showcase_index, winner):
    log_in(client, user_with_role(REDACTIE, mfa=True, is_staff=True))
    response = client.post(reverse("showcase_create_from_entry", args=[winner.pk]))
    page = ShowcasePage.objects.get(entry=winner)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_dashboard_panel_lists_ready_entries(client, showcase_index, winner):
    log_in(client, user_with_role(REDACTIE, mfa=True, is_staff=True))
    body = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Wijkkompas" in body
    assert reverse("showcase_create_from_entry", args=[winner.pk]) in body


def test_publish_results_needs_a_signed_decision(winner):
    edition = winner.edition
    edition.decision_signed_at = None
    edition.save()
    with pytest.raises(ShowcaseError):
        publish_results(edition=edition, by=member(SECRETARIAAT))
    edition.refresh_from_db()
    assert edition.results_published_at is None


def test_publish_results_lifts_the_embargo_once(client, showcase_index, winner):
    secretariaat = member(SECRETARIAAT)
    page = create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    page.save_revision().publish()
    assert client.get(page.url).status_code == 404
    publish_results(edition=winner.edition, by=secretariaat)
    assert client.get(page.url).status_code == 200
    assert AuditEvent.objects.filter(action="showcase.results_published").count() == 1
    with pytest.raises(ShowcaseError):
        publish_results(edition=winner.edition, by=secretariaat)


def test_only_the_secretariaat_publishes_results(winner):
    with pytest.raises(PermissionDenied):
        publish_results(edition=winner.edition, by=member(REDACTIE))
    winner.edition.refresh_from_db()
    assert winner.edition.results_published_at is None


def test_entrant_cannot_reach_the_admin_action(client, showcase_index, winner):
    log_in(client, user_with_role(INZENDERS))
    response = client.post(reverse("showcase_create_from_entry", args=[winner.pk]))
    assert response.status_code in (302, 403)
    assert not ShowcasePage.objects.exists()


def test_secretariaat_publishes_results_from_the_admin(client, showcase_index, winner):
    log_in(client, user_with_role(SECRETARIAAT, mfa=True, is_staff=True))
    assert client.get(reverse("showcase_results")).status_code == 200
    assert client.get(reverse("showcase_ready_entries")).status_code == 200
    response = client.post(reverse("showcase_publish_results", args=[winner.edition.pk]), {"when": "now"})
    assert response.status_code == 302
    winner.edition.refresh_from_db()
    assert winner.edition.results_published_at is not None


def test_redactie_cannot_publish_results_from_the_admin(client, winner):
    log_in(client, user_with_role(REDACTIE, mfa=True, is_staff=True))
    # Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message.
    assert client.get(reverse("showcase_results")).status_code in (302, 403)
    assert client.post(reverse("showcase_publish_results", args=[winner.edition.pk])).status_code in (302, 403)
    winner.edition.refresh_from_db()
    assert winner.edition.results_published_at is None


def test_editor_opens_the_prefilled_page_and_guide_form_in_the_admin(client, showcase_index, guide_index, winner):
    page = create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    log_in(client, user_with_role(REDACTIE, mfa=True, is_staff=True, is_superuser=True))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "Wijkkompas" in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:add", args=["showcase", "guidepage", guide_index.pk]))
    assert response.status_code == 200


def test_themes_are_ticked_in_the_editor(client, showcase_index, winner):
    page = create_showcase_page_from_entry(entry=winner, by=member(REDACTIE))
    log_in(client, user_with_role(REDACTIE, mfa=True, is_staff=True, is_superuser=True))
    body = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'type="checkbox" name="themes" value="bestuur"' in body
    checkbox = body.split('value="bestuur"')[1].split(">")[0]
    assert "checked" in checkbox
