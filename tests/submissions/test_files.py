"""Steps 3 and 5 through the views, and private downloads: who gets a file, who gets 404, and the
S3 path against a local S3-compatible server (moto in server mode)."""

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.files.storage import storages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awardsite.audit import AuditEvent
from awardsite.roles import JURY, SECRETARIAAT
from submissions import uploads
from submissions.enums import DatasetSource
from submissions.models import EntryDataset, TeamMembership
from tests.factories import EditionFactory, EntryDatasetFactory, EntryFactory, UserFactory
from tests.judging.factories import assign, build_jury, declare, make_user

from .files import EXE, SVG, bomb_png, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def add_pdf(entry, data=None):
    checked = uploads.validate_pdf(upload("plan.pdf", data or pdf_bytes()))
    return uploads.add_attachment(entry=entry, user=entry.owner, checked=checked, title="Plan van aanpak")


def add_png(entry):
    checked = uploads.validate_image(upload("a.png", image_bytes("PNG")))
    return uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="Kaart")


def download_url(item, kind="attachment"):
    return reverse("submissions:file_download", kwargs={"kind": kind, "pk": item.pk})


def catalogue_down_message() -> str:
    """The message as the page shows it (Dutch by default; HTML-escaped)."""
    from django.utils.html import escape
    from django.utils.translation import override

    from submissions.ckan import CatalogueUnavailable

    with override("nl"):
        return escape(str(CatalogueUnavailable.default_message))


def body(response) -> bytes:
    return response.data


def fetch(client, url):
    """GET and read a streamed file completely (the test client then closes it); bytes on `.data`."""
    response = client.get(url)
    response.data = b"".join(response.streaming_content) if response.streaming else response.content
    return response


# --- Step 3: data used ---------------------------------------------------------------------------


def test_add_dataset_by_url_uses_the_catalogue(client, ckan_server):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_datasets", kwargs={"pk": entry.pk})
    response = client.post(
        url,
        {
            "action": "add_url",
            "byurl-url": "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023",
            "byurl-how_used": "Voor de kaart",
        },
    )
    assert response.status_code == 302
    dataset = entry.datasets.get()
    assert dataset.publisher == "Centraal Bureau voor de Statistiek"
    assert dataset.is_open_licence and dataset.is_dutch_government and not dataset.needs_check
    assert dataset.how_used == "Voor de kaart"
    page = client.get(url)
    assert "Kerncijfers wijken en buurten 2023" in page.content.decode()


def test_non_catalogue_url_gets_a_message_beside_the_field(client, ckan_server):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}),
        {"action": "add_url", "byurl-url": "https://example.org/data.csv"},
    )
    assert response.status_code == 400
    assert 'id="id_byurl-url_error"' in response.content.decode()
    assert "https://example.org/data.csv" in response.content.decode()  # what the user typed stays
    assert not entry.datasets.exists()


def test_catalogue_down_offers_manual_entry_with_the_url_kept(client, ckan_server):
    ckan_server.mode = "error500"
    entry = EntryFactory()
    client.force_login(entry.owner)
    address = "https://data.overheid.nl/dataset/kerncijfers-wijken-en-buurten-2023"
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}), {"action": "add_url", "byurl-url": address}
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert catalogue_down_message() in content
    assert f'value="{address}"' in content  # prefilled in the manual form too
    assert not entry.datasets.exists()


def test_manual_dataset_is_flagged_for_a_check(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}),
        {
            "action": "add_manual",
            "manual-title": "Bomen in de gemeente",
            "manual-publisher": "Gemeente Voorbeeldstad",
            "manual-url": "https://voorbeeldstad.example/bomen",
            "manual-licence_id": "http://creativecommons.org/publicdomain/zero/1.0/",
            "manual-claims_dutch_government": "on",
        },
    )
    assert response.status_code == 302
    dataset = entry.datasets.get()
    assert dataset.source == DatasetSource.MANUAL and dataset.needs_check
    assert dataset.is_open_licence and dataset.is_dutch_government


def test_manual_dataset_with_javascript_url_is_refused(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}),
        {"action": "add_manual", "manual-title": "X", "manual-publisher": "Y", "manual-url": "javascript:alert(1)",
         "manual-licence_id": "unknown"},
    )  # fmt: skip
    assert response.status_code == 400
    assert not entry.datasets.exists()


def test_search_shows_results_and_adds_one(client, ckan_server):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_datasets", kwargs={"pk": entry.pk})
    page = client.get(url, {"q": "luchtkwaliteit"})
    assert "Luchtkwaliteit: meetwaarden" in page.content.decode()
    client.post(url, {"action": "add_result", "name": "luchtkwaliteit-meetwaarden-rivm"})
    assert entry.datasets.get().ckan_name == "luchtkwaliteit-meetwaarden-rivm"


def test_search_when_catalogue_times_out_says_so(client, ckan_server):
    ckan_server.mode = "timeout"
    entry = EntryFactory()
    client.force_login(entry.owner)
    page = client.get(reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}), {"q": "wijken"})
    assert catalogue_down_message() in page.content.decode()


def test_non_open_licence_is_marked(client):
    entry = EntryFactory()
    EntryDatasetFactory(entry=entry, is_open_licence=False, licence_title="CC-BY-NC")
    client.force_login(entry.owner)
    page = client.get(reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}))
    assert "Not an open licence" in page.content.decode() or "Geen open licentie" in page.content.decode()


def test_remove_dataset_and_other_entrants_cannot(client):
    entry = EntryFactory()
    dataset = EntryDatasetFactory(entry=entry)
    stranger = UserFactory()
    client.force_login(stranger)
    url = reverse("submissions:entry_datasets", kwargs={"pk": entry.pk})
    assert client.post(url, {"action": "remove", "dataset": dataset.pk}).status_code == 404
    assert client.get(url).status_code == 404
    client.force_login(entry.owner)
    client.post(url, {"action": "remove", "dataset": dataset.pk})
    assert not EntryDataset.objects.filter(pk=dataset.pk).exists()


def test_dataset_of_another_entry_cannot_be_removed_through_mine(client):
    mine, other = EntryFactory(), EntryFactory()
    foreign = EntryDatasetFactory(entry=other)
    client.force_login(mine.owner)
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": mine.pk}), {"action": "remove", "dataset": foreign.pk}
    )
    assert response.status_code == 404
    assert EntryDataset.objects.filter(pk=foreign.pk).exists()


def test_adding_a_dataset_after_the_deadline_is_refused(client, ckan_server):
    edition = EditionFactory(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(minutes=6)
    )
    entry = EntryFactory(edition=edition)
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_datasets", kwargs={"pk": entry.pk}),
        {"action": "add_manual", "manual-title": "X", "manual-publisher": "Y", "manual-licence_id": "unknown"},
    )
    assert response.status_code == 400
    assert not entry.datasets.exists()


def _count_queries(client, url):
    client.get(url)  # warm up (session, content types, site) so only the page itself is counted
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_datasets_step_query_count_does_not_grow_with_rows(client):
    entry = EntryFactory()
    EntryDatasetFactory(entry=entry)
    client.force_login(entry.owner)
    url = reverse("submissions:entry_datasets", kwargs={"pk": entry.pk})
    one = _count_queries(client, url)
    EntryDatasetFactory.create_batch(8, entry=entry)
    assert _count_queries(client, url) == one


# --- Step 5: images and attachments --------------------------------------------------------------


def test_upload_screenshot_through_the_form(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    response = client.post(
        url,
        {"action": "add_image", "image-file": upload("scherm.png", image_bytes("PNG")), "image-alt_text": "Kaart"},
    )
    assert response.status_code == 302
    assert entry.images.get().alt_text == "Kaart"


@pytest.mark.parametrize(("name", "data"), [("bomb.png", bomb_png()), ("x.png", SVG), ("x.png", EXE), ("x.png", b"")])
def test_bad_screenshot_is_refused_beside_the_field_and_alt_text_is_kept(client, name, data):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_files", kwargs={"pk": entry.pk}),
        {"action": "add_image", "image-file": upload(name, data), "image-alt_text": "Mijn beschrijving"},
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert 'id="id_image-file_error"' in content
    assert "Mijn beschrijving" in content
    assert not entry.images.exists()


def test_screenshot_without_alt_text_is_refused(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    response = client.post(
        reverse("submissions:entry_files", kwargs={"pk": entry.pk}),
        {"action": "add_image", "image-file": upload("a.png", image_bytes("PNG")), "image-alt_text": ""},
    )
    assert response.status_code == 400
    assert 'id="id_image-alt_text_error"' in response.content.decode()


def test_edit_reorder_and_delete_through_the_page(client):
    entry = EntryFactory()
    first, second = add_png(entry), add_png(entry)
    client.force_login(entry.owner)
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    client.post(url, {"action": "edit_image", "image": first.pk, f"img{first.pk}-alt_text": "Nieuwe tekst",
                      f"img{first.pk}-caption": "Onderschrift"})  # fmt: skip
    first.refresh_from_db()
    assert (first.alt_text, first.caption) == ("Nieuwe tekst", "Onderschrift")
    client.post(url, {"action": "move_down", "image": first.pk})
    assert [i.pk for i in entry.images.all()] == [second.pk, first.pk]
    client.post(url, {"action": "delete_image", "image": second.pk})
    assert [i.pk for i in entry.images.all()] == [first.pk]


def test_upload_pdf_through_the_form_and_refuse_javascript_pdf(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    bad = client.post(
        url, {"action": "add_attachment", "attachment-file": upload("a.pdf", pdf_bytes(js="app.alert(1)"))}
    )
    assert bad.status_code == 400 and not entry.attachments.exists()
    good = client.post(url, {"action": "add_attachment", "attachment-file": upload("a.pdf", pdf_bytes()),
                             "attachment-title": "Rapport"})  # fmt: skip
    assert good.status_code == 302 and entry.attachments.get().title == "Rapport"


def test_files_step_after_deadline_is_read_only_and_refuses_uploads(client):
    edition = EditionFactory(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(minutes=6)
    )
    entry = EntryFactory(edition=edition)
    client.force_login(entry.owner)
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    page = client.get(url)
    assert 'name="action" value="add_image"' not in page.content.decode()
    response = client.post(
        url, {"action": "add_image", "image-file": upload("a.png", image_bytes("PNG")), "image-alt_text": "x"}
    )
    assert response.status_code == 400
    assert not entry.images.exists()


def test_files_step_query_count_does_not_grow_with_rows(client):
    entry = EntryFactory()
    add_png(entry)
    add_pdf(entry)
    client.force_login(entry.owner)
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    one = _count_queries(client, url)
    for _ in range(4):
        add_png(entry)
        add_pdf(entry)
    assert _count_queries(client, url) == one


# --- Downloads: who may ----------------------------------------------------------------------------


def test_owner_and_team_member_download_with_safe_headers(client):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    member = UserFactory()
    TeamMembership.objects.create(entry=entry, user=member)
    for user in (entry.owner, member):
        client.force_login(user)
        response = fetch(client, download_url(attachment))
        assert response.status_code == 200
        assert body(response).startswith(b"%PDF-") and len(body(response)) == attachment.size
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "no-store" in response["Cache-Control"]
        assert "sandbox" in response["Content-Security-Policy"]


def test_image_preview_is_inline_but_download_is_attachment(client):
    entry = EntryFactory()
    image = add_png(entry)
    client.force_login(entry.owner)
    inline = fetch(client, download_url(image, "image") + "?weergave=inline")
    assert inline.status_code == 200 and inline["Content-Disposition"].startswith("inline")
    assert inline["Content-Type"] == "image/png"
    assert fetch(client, download_url(image, "image"))["Content-Disposition"].startswith("attachment")


def test_stored_path_never_contains_the_users_filename(client):
    entry = EntryFactory()
    checked = uploads.validate_pdf(upload("../../etc/passwd secret.pdf", pdf_bytes()))
    attachment = uploads.add_attachment(entry=entry, user=entry.owner, checked=checked, title="x")
    assert "passwd" not in attachment.file.name and ".." not in attachment.file.name


def test_anonymous_and_other_entrants_get_404(client):
    entry = EntryFactory()
    attachment, image = add_pdf(entry), add_png(entry)
    assert client.get(download_url(attachment)).status_code == 404
    assert client.get(download_url(image, "image")).status_code == 404
    client.force_login(EntryFactory().owner)
    assert client.get(download_url(attachment)).status_code == 404
    assert client.get(download_url(image, "image") + "?weergave=inline").status_code == 404


def test_unknown_kind_and_missing_id_get_404(client):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    client.force_login(entry.owner)
    assert client.get(f"/bestanden/entry/{attachment.pk}/").status_code == 404
    assert client.get(download_url(type("X", (), {"pk": attachment.pk + 1000})())).status_code == 404


def test_secretariaat_downloads_any_entry_file(client):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    secretariaat = make_user(SECRETARIAAT, mfa=True)
    client.force_login(secretariaat)
    assert fetch(client, download_url(attachment)).status_code == 200
    event = AuditEvent.objects.get(action="entry.file_downloaded")
    assert event.actor == secretariaat and event.data["file"] == attachment.pk


def test_entrants_own_downloads_are_not_logged(client):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    client.force_login(entry.owner)
    assert fetch(client, download_url(attachment)).status_code == 200
    assert not AuditEvent.objects.filter(action="entry.file_downloaded").exists()


def test_assigned_juror_without_conflict_downloads_but_conflicted_and_unassigned_get_404(client):
    jury = build_jury(entries=2, jurors=3)
    entry = jury.entries[0]
    attachment = add_pdf_admin(entry)
    free, conflicted, unassigned = jury.jurors
    for juror in (free, conflicted):
        assign(juror, entry, jury.round)
    declare(free, entry, conflict=False)
    declare(conflicted, entry, conflict=True)
    declare(unassigned, entry, conflict=False)
    client.force_login(free)
    assert fetch(client, download_url(attachment)).status_code == 200
    client.force_login(conflicted)
    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(unassigned)
    assert client.get(download_url(attachment)).status_code == 404
    client.force_login(make_user(JURY, mfa=True))  # a juror of no jury at all
    assert client.get(download_url(attachment)).status_code == 404


def add_pdf_admin(entry):
    """An attachment on an entry that is past its deadline (as in judging): stored directly."""
    from django.core.files.base import ContentFile

    from submissions.models import EntryAttachment

    data = pdf_bytes()
    name = storages["private"].save(f"entries/{entry.pk}/attachments/test.pdf", ContentFile(data))
    return EntryAttachment.objects.create(
        entry=entry, file=name, title="Plan", content_type="application/pdf", size=len(data), sha256="0" * 64
    )


# --- S3 (moto server) -------------------------------------------------------------------------------


def test_s3_download_redirects_to_a_working_short_lived_presigned_url(client, s3, settings):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    key = f"private/{attachment.file.name}"
    assert s3.head_object(Bucket=s3.private_bucket, Key=key)["ContentLength"] == attachment.size
    client.force_login(entry.owner)
    response = client.get(download_url(attachment))
    assert response.status_code == 302
    location = response["Location"]
    parts = urlsplit(location)
    query = parse_qs(parts.query)
    assert location.startswith(s3.endpoint)
    assert query["X-Amz-Expires"] == [str(settings.PRIVATE_URL_EXPIRY_SECONDS)]
    assert "X-Amz-Signature" in query
    signed_at = datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert abs((timezone.now() - signed_at).total_seconds()) < 120
    assert "no-store" in response["Cache-Control"]
    fetched = requests.get(location, timeout=5)
    assert fetched.status_code == 200
    assert fetched.content.startswith(b"%PDF-") and len(fetched.content) == attachment.size
    assert fetched.headers["Content-Disposition"].startswith("attachment;")


def test_s3_private_object_is_refused_without_a_signature(client, s3):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    unsigned = f"{s3.endpoint}/{s3.private_bucket}/private/{attachment.file.name}"
    assert requests.get(unsigned, timeout=5).status_code == 403
    acl = s3.get_object_acl(Bucket=s3.private_bucket, Key=f"private/{attachment.file.name}")
    assert not [g for g in acl["Grants"] if g["Grantee"].get("URI", "").endswith("AllUsers")]


def test_s3_public_and_private_storage_are_separated(s3):
    from django.core.exceptions import SuspiciousOperation
    from django.core.files.base import ContentFile

    public, private = storages["default"], storages["private"]
    public_name = public.save("showcase/logo.txt", ContentFile(b"public"))
    private_name = private.save("entries/1/attachments/x.pdf", ContentFile(b"private"))
    assert "X-Amz-Signature" not in public.url(public_name)
    assert requests.get(public.url(public_name), timeout=5).content == b"public"
    assert "X-Amz-Signature" in private.url(private_name)
    # The public storage cannot reach the private objects: other bucket, other prefix.
    assert not public.exists(private_name)
    with pytest.raises(SuspiciousOperation):
        public.url(f"../private/{private_name}")
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=s3.private_bucket)["Contents"]]
    assert keys == [f"private/{private_name}"]


def test_s3_image_preview_streams_through_the_app(client, s3):
    entry = EntryFactory()
    image = add_png(entry)
    client.force_login(entry.owner)
    response = fetch(client, download_url(image, "image") + "?weergave=inline")
    assert response.status_code == 200
    assert body(response).startswith(b"\x89PNG")


def test_s3_other_entrant_gets_404_not_a_url(client, s3):
    entry = EntryFactory()
    attachment = add_pdf(entry)
    client.force_login(EntryFactory().owner)
    response = client.get(download_url(attachment))
    assert response.status_code == 404
    assert "Location" not in response
