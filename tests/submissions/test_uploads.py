"""Uploads are checked by content: a corpus of bad files, and the upload services."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.utils import timezone
from PIL import Image

from awardsite.audit import AuditEvent
from submissions import uploads
from submissions.deadline import DeadlinePassed, EntryReadOnly
from submissions.enums import EntryState
from submissions.uploads import UploadRejected, validate_image, validate_pdf
from tests.factories import EditionFactory, EntryFactory

from .files import (
    EXE,
    GIF_HTML,
    SVG,
    bomb_png,
    image_bytes,
    pdf_bytes,
    png_chunk,
    png_with_text_chunk,
    upload,
    zip_bytes,
)


def refused(validator, name, data, **kwargs) -> str:
    with pytest.raises(UploadRejected) as info:
        validator(upload(name, data), **kwargs)
    return info.value.code


@pytest.mark.parametrize(
    ("name", "fmt", "content_type"),
    [("shot.png", "PNG", "image/png"), ("shot.JPG", "JPEG", "image/jpeg"), ("shot.webp", "WEBP", "image/webp")],
)
def test_good_images_are_accepted_and_reencoded(name, fmt, content_type):
    data = image_bytes(fmt, size=(64, 48))
    checked = validate_image(upload(name, data))
    assert checked.content_type == content_type
    assert (checked.width, checked.height) == (64, 48)
    assert len(checked.sha256) == 64
    with Image.open(__import__("io").BytesIO(checked.content)) as again:
        assert again.format == fmt


def test_jpeg_metadata_is_dropped_by_reencoding():
    exif = Image.Exif()
    exif[0x010E] = "secret location description"
    data = image_bytes("JPEG", exif=exif.tobytes())
    assert b"secret location" in data
    assert b"secret location" not in validate_image(upload("a.jpg", data)).content


def test_bomb_png_with_huge_declared_dimensions_is_refused_without_decoding():
    assert refused(validate_image, "bomb.png", bomb_png()) == "too_many_pixels"


def test_image_above_our_own_pixel_limit_is_refused(settings):
    settings.UPLOAD_IMAGE_MAX_PIXELS = 1000
    assert refused(validate_image, "big.png", image_bytes("PNG", size=(50, 50))) == "too_many_pixels"


def test_png_zip_polyglot_is_refused():
    assert refused(validate_image, "poly.png", image_bytes("PNG") + zip_bytes()) == "polyglot"


def test_png_with_html_after_the_image_is_refused():
    assert refused(validate_image, "poly.png", image_bytes("PNG") + b"<html><script>x</script>") == "polyglot"


def test_jpeg_with_pdf_appended_is_refused():
    assert refused(validate_image, "poly.jpg", image_bytes("JPEG") + pdf_bytes()) == "polyglot"


def test_png_with_script_inside_a_text_chunk_is_refused():
    assert refused(validate_image, "x.png", png_with_text_chunk(b"<script>alert(1)</script>")) == "polyglot"


def test_gif_html_polyglot_is_refused_as_gif():
    with pytest.raises(UploadRejected) as info:
        validate_image(upload("x.png", GIF_HTML))
    assert info.value.code == "wrong_type"
    assert "GIF" in info.value.messages[0]


def test_svg_with_script_is_refused_with_svg_message():
    with pytest.raises(UploadRejected) as info:
        validate_image(upload("drawing.png", SVG))
    assert "SVG" in info.value.messages[0]


def test_executable_renamed_to_png_is_refused_as_program():
    with pytest.raises(UploadRejected) as info:
        validate_image(upload("holiday.png", EXE))
    assert info.value.code == "wrong_type"
    assert "program" in info.value.messages[0]


def test_jpeg_named_png_is_refused_for_its_extension():
    assert refused(validate_image, "photo.png", image_bytes("JPEG")) == "wrong_extension"


def test_png_without_extension_is_refused():
    assert refused(validate_image, "photo", image_bytes("PNG")) == "wrong_extension"


def test_oversize_image_is_refused(settings):
    settings.UPLOAD_IMAGE_MAX_BYTES = 100
    with pytest.raises(UploadRejected) as info:
        validate_image(upload("a.png", image_bytes("PNG", size=(200, 200))))
    assert info.value.code == "too_large"
    assert "100" in info.value.messages[0]


def test_empty_file_is_refused():
    assert refused(validate_image, "a.png", b"") == "empty"
    assert refused(validate_pdf, "a.pdf", b"") == "empty"


def test_truncated_png_is_refused_as_damaged():
    data = image_bytes("PNG", size=(100, 100))
    assert refused(validate_image, "a.png", data[: len(data) // 2]) == "damaged"


def test_png_with_broken_image_data_is_refused_as_damaged():
    ihdr = png_chunk(b"IHDR", b"\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00")
    data = b"\x89PNG\r\n\x1a\n" + ihdr + png_chunk(b"IDAT", b"not zlib at all") + png_chunk(b"IEND", b"")
    assert refused(validate_image, "a.png", data) == "damaged"


def test_animated_png_is_refused():
    import io

    frames = [Image.new("RGB", (10, 10), c) for c in ((255, 0, 0), (0, 255, 0))]
    out = io.BytesIO()
    frames[0].save(out, format="PNG", save_all=True, append_images=frames[1:])
    assert refused(validate_image, "a.png", out.getvalue()) == "animated"


def test_good_pdf_is_accepted():
    checked = validate_pdf(upload("plan.pdf", pdf_bytes()))
    assert checked.content_type == "application/pdf"
    assert checked.original_name == "plan.pdf"


def test_pdf_with_javascript_is_refused():
    assert refused(validate_pdf, "a.pdf", pdf_bytes(js="app.alert('x');")) == "active_content"


def test_pdf_with_hex_escaped_javascript_name_is_refused():
    data = pdf_bytes(js="app.alert('x');").replace(b"/JavaScript", b"/J#61vaScript")
    assert refused(validate_pdf, "a.pdf", data) in {"active_content", "damaged"}


def test_pdf_with_embedded_file_is_refused():
    assert refused(validate_pdf, "a.pdf", pdf_bytes(attachment=True)) == "active_content"


def test_encrypted_pdf_is_refused():
    assert refused(validate_pdf, "a.pdf", pdf_bytes(password="geheim")) == "encrypted"


def test_html_named_pdf_is_refused():
    assert refused(validate_pdf, "a.pdf", b"<!doctype html><html><script>x</script></html>") == "wrong_type"


def test_executable_named_pdf_is_refused():
    assert refused(validate_pdf, "a.pdf", EXE) == "wrong_type"


def test_pdf_without_end_marker_is_refused():
    data = pdf_bytes()
    assert refused(validate_pdf, "a.pdf", data[: len(data) - 200]) == "damaged"


def test_pdf_header_with_garbage_body_is_refused():
    assert refused(validate_pdf, "a.pdf", b"%PDF-1.7\n" + b"garbage " * 50 + b"\n%%EOF\n") == "damaged"


def test_pdf_with_wrong_extension_is_refused():
    assert refused(validate_pdf, "a.docx", pdf_bytes()) == "wrong_extension"


def test_pdf_uploaded_as_image_is_refused_with_its_type():
    with pytest.raises(UploadRejected) as info:
        validate_image(upload("a.png", pdf_bytes()))
    assert "PDF" in info.value.messages[0]


# Services ---------------------------------------------------------------------------------------


@pytest.fixture
def entry(db):
    return EntryFactory()


def test_add_image_stores_under_a_random_name_with_hash_and_audit(entry):
    checked = validate_image(upload("Mijn Paspoort <Jan>.png", image_bytes("PNG")))
    image = uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="Kaart met buurten")
    assert image.file.name.startswith(f"entries/{entry.pk}/images/")
    assert "Paspoort" not in image.file.name and "Jan" not in image.file.name
    assert image.sha256 == checked.sha256
    with storages["private"].open(image.file.name) as stored:
        assert stored.read() == checked.content
    assert AuditEvent.objects.filter(action="entry.image_added").count() == 1


def test_add_image_requires_alt_text(entry):
    checked = validate_image(upload("a.png", image_bytes("PNG")))
    with pytest.raises(ValidationError):
        uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="   ")
    assert entry.images.count() == 0


def test_upload_after_deadline_is_refused_and_nothing_is_stored(db):
    edition = EditionFactory(
        opens_at=timezone.now() - timedelta(days=60), closes_at=timezone.now() - timedelta(hours=1)
    )
    entry = EntryFactory(edition=edition)
    checked = validate_image(upload("a.png", image_bytes("PNG")))
    with pytest.raises(DeadlinePassed):
        uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="x")
    with pytest.raises(DeadlinePassed):
        uploads.add_attachment(
            entry=entry, user=entry.owner, checked=validate_pdf(upload("a.pdf", pdf_bytes())), title="Plan"
        )
    assert entry.images.count() == 0 and entry.attachments.count() == 0


def test_upload_to_a_withdrawn_entry_is_refused(db):
    entry = EntryFactory(state=EntryState.WITHDRAWN)
    with pytest.raises(EntryReadOnly):
        uploads.add_attachment(
            entry=entry, user=entry.owner, checked=validate_pdf(upload("a.pdf", pdf_bytes())), title="Plan"
        )


def test_image_count_is_limited(entry, settings):
    settings.UPLOAD_MAX_IMAGES_PER_ENTRY = 1
    checked = validate_image(upload("a.png", image_bytes("PNG")))
    uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="een")
    with pytest.raises(ValidationError):
        uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="twee")


def test_reorder_and_delete_images(entry, django_capture_on_commit_callbacks):
    checked = validate_image(upload("a.png", image_bytes("PNG")))
    first, second, third = (
        uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text=t) for t in ("a", "b", "c")
    )
    uploads.move_image(image=third, user=entry.owner, direction="up")
    assert [i.alt_text for i in entry.images.all()] == ["a", "c", "b"]
    uploads.move_image(image=first, user=entry.owner, direction="up")  # already first: no change
    assert [i.alt_text for i in entry.images.all()] == ["a", "c", "b"]
    with django_capture_on_commit_callbacks(execute=True):
        uploads.delete_image(image=second, user=entry.owner)
    assert [i.alt_text for i in entry.images.all()] == ["a", "c"]
    assert not storages["private"].exists(second.file.name)


def test_add_and_delete_attachment(entry, django_capture_on_commit_callbacks):
    attachment = uploads.add_attachment(
        entry=entry, user=entry.owner, checked=validate_pdf(upload("plan van aanpak.pdf", pdf_bytes())), title=""
    )
    assert attachment.title == "plan van aanpak"
    assert attachment.file.name.startswith(f"entries/{entry.pk}/attachments/")
    assert attachment.file.name.endswith(".pdf") and "aanpak" not in attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        uploads.delete_attachment(attachment=attachment, user=entry.owner)
    assert not storages["private"].exists(attachment.file.name)
