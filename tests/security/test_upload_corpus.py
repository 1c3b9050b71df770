"""Upload corpus at the HTTP level: the entrant's upload forms refuse each bad file beside the field
and store nothing. tests/submissions covers the validators for all of these and the form for a
bomb, an SVG with script, a renamed executable, an empty file and a PDF with JavaScript; this adds
the polyglots, oversize files and disguised attachments through the form."""

import pytest
from django.urls import reverse

from tests.factories import EntryFactory
from tests.submissions.files import EXE, SVG, bomb_png, image_bytes, pdf_bytes, png_with_text_chunk, upload, zip_bytes

pytestmark = pytest.mark.django_db

GIF_HTML = b"GIF89a/*<svg onload=alert(1)>*/=alert(1)//;<html><script>alert(1)</script></html>"

BAD_IMAGES = {
    "png-zip polyglot": ("kaart.png", image_bytes("PNG") + zip_bytes()),
    "png-html polyglot": ("kaart.png", image_bytes("PNG") + b"<html><script>alert(1)</script></html>"),
    "jpeg-pdf polyglot": ("kaart.jpg", image_bytes("JPEG") + pdf_bytes()),
    "script in png text chunk": ("kaart.png", png_with_text_chunk(b"<script>alert(1)</script>")),
    "gif-html polyglot": ("kaart.gif", GIF_HTML),
    "decompression bomb": ("bom.png", bomb_png()),
    "svg with script": ("kaart.svg", SVG),
    "executable renamed": ("kaart.png", EXE),
    "pdf as image": ("kaart.png", pdf_bytes()),
}
BAD_ATTACHMENTS = {
    "executable named pdf": ("rapport.pdf", EXE),
    "html named pdf": ("rapport.pdf", b"<!doctype html><html><script>alert(1)</script></html>"),
    "pdf with javascript": ("rapport.pdf", pdf_bytes(js="app.alert(1)")),
    "pdf with embedded file": ("rapport.pdf", pdf_bytes(attachment=True)),
    "zip named pdf": ("rapport.pdf", zip_bytes()),
}


@pytest.fixture
def entry(client):
    entry = EntryFactory()
    client.force_login(entry.owner)
    return entry


@pytest.mark.parametrize("case", sorted(BAD_IMAGES))
def test_bad_image_upload_is_refused_beside_the_field(client, entry, case):
    name, data = BAD_IMAGES[case]
    response = client.post(
        reverse("submissions:entry_files", kwargs={"pk": entry.pk}),
        {"action": "add_image", "image-file": upload(name, data), "image-alt_text": "Kaart van de buurt"},
    )
    assert response.status_code == 400, case
    assert 'id="id_image-file_error"' in response.content.decode()
    assert not entry.images.exists()


@pytest.mark.parametrize("case", sorted(BAD_ATTACHMENTS))
def test_bad_attachment_upload_is_refused(client, entry, case):
    name, data = BAD_ATTACHMENTS[case]
    response = client.post(
        reverse("submissions:entry_files", kwargs={"pk": entry.pk}),
        {"action": "add_attachment", "attachment-file": upload(name, data), "attachment-title": "Rapport"},
    )
    assert response.status_code == 400, case
    assert not entry.attachments.exists()


def test_oversize_image_and_attachment_are_refused(client, entry, settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 1000
    settings.UPLOAD_ATTACHMENT_MAX_BYTES = 1000
    url = reverse("submissions:entry_files", kwargs={"pk": entry.pk})
    image = client.post(url, {"action": "add_image", "image-file": upload("groot.png", image_bytes("PNG", size=(400, 400))),
                              "image-alt_text": "Groot"})  # fmt: skip
    attachment = client.post(url, {"action": "add_attachment", "attachment-file": upload("groot.pdf", pdf_bytes() + b"%" * 2000),
                                   "attachment-title": "Groot"})  # fmt: skip
    assert image.status_code == 400 and attachment.status_code == 400
    assert not entry.images.exists() and not entry.attachments.exists()
