"""Screenshots and attachments of an entry: checked by CONTENT, stored privately under random names.

Validation (pure functions, no database):
- `validate_image(upload)`: PNG, JPEG or WebP only, recognised by their first bytes; the file name
  must end in a matching extension; size limit; pixel-count limit read from the header BEFORE
  decoding (decompression bombs); not animated; the structure must end where the image ends (no
  ZIP, HTML or script appended: polyglots); no markup or script anywhere in the bytes; fully decoded
  by Pillow and then RE-ENCODED, so what we store is an image Pillow wrote (metadata such as GPS
  positions is dropped too; JPEG orientation is applied first).
- `validate_pdf(upload)`: starts with `%PDF-`, ends with `%%EOF`, parsed by pypdf (pages, cross
  reference), not encrypted, and no active content anywhere (JavaScript, launch actions, embedded
  files, XFA forms, rich media).
Every refusal is an `UploadRejected` (a ValidationError) whose message says what is wrong and
what to do; a form puts it beside the file field.

Services (writes, each with the deadline rule and an audit event): `add_image`, `update_image`,
`move_image`, `delete_image`, `add_attachment`, `delete_attachment`.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from awardsite.audit import record_event

from .deadline import assert_entry_writable
from .models import Entry, EntryAttachment, EntryImage


class UploadRejected(ValidationError):
    """A file we do not accept; the message is meant for the user, beside the file field."""


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    extension: str
    sha256: str
    original_name: str
    width: int = 0
    height: int = 0

    @property
    def size(self) -> int:
        return len(self.content)


IMAGE_KINDS = {
    # kind: (content type, allowed extensions, Pillow format, stored extension)
    "png": ("image/png", {"png"}, "PNG", "png"),
    "jpeg": ("image/jpeg", {"jpg", "jpeg"}, "JPEG", "jpg"),
    "webp": ("image/webp", {"webp"}, "WEBP", "webp"),
}
KIND_NAMES = {
    "png": "PNG",
    "jpeg": "JPEG",
    "webp": "WebP",
    "gif": "GIF",
    "pdf": "PDF",
    "svg": "SVG",
    "html": "HTML",
    "zip": "ZIP",
    "exe": "program (EXE)",
    "elf": "program (ELF)",
    "macho": "program (Mach-O)",
    "script": "script",
    "bmp": "BMP",
    "tiff": "TIFF",
    "heic": "HEIC",
}
# Markup or script in an image means someone wants a browser to run it (polyglot).
MARKUP_MARKERS = (b"<script", b"<html", b"<svg", b"<?php", b"<iframe", b"<body", b"<!doctype", b"javascript:", b"<?xml")


def sniff(data: bytes) -> str | None:
    """What the bytes are, by their magic numbers (never by file name)."""
    head = data[:512]
    lowered = head.lstrip().lower()
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"MZ"):
        return "exe"
    if head.startswith(b"\x7fELF"):
        return "elf"
    if head[:4] in (b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe"):
        return "macho"
    if head.startswith(b"BM"):
        return "bmp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "tiff"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "heic"
    if head.startswith(b"#!"):
        return "script"
    if b"<svg" in lowered:
        return "svg"
    if lowered.startswith((b"<!doctype", b"<html", b"<?xml", b"<head", b"<body", b"<script")):
        return "html"
    return None


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in (name or "") else ""


def _read(upload, *, max_bytes: int) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise UploadRejected(_too_large(max_bytes), code="too_large")
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if not data:
        raise UploadRejected(_("The file is empty. Choose the file again."), code="empty")
    if len(data) > max_bytes:
        raise UploadRejected(_too_large(max_bytes), code="too_large")
    return data


def _too_large(max_bytes: int) -> str:
    return _("The file is too large. The maximum is %(max)s.") % {"max": filesizeformat(max_bytes)}


def _wrong_type_message(kind: str | None, expected: str) -> str:
    if kind == "svg":
        return _("SVG images are not accepted, because they can contain scripts. Upload a %(expected)s file.") % {
            "expected": expected
        }
    if kind in ("exe", "elf", "macho", "script"):
        return _("This file is a program, not a %(expected)s file. Upload a %(expected)s file.") % {
            "expected": expected
        }
    if kind is not None:
        return _("This file is a %(found)s file. Upload a %(expected)s file.") % {
            "found": KIND_NAMES[kind],
            "expected": expected,
        }
    return _("This file is not a %(expected)s file, or it is damaged. Upload a %(expected)s file.") % {
        "expected": expected
    }


def _image_end(kind: str, data: bytes) -> str:
    """ "ok" when the file ends exactly where the image ends; "trailing" when something follows
    (an appended ZIP, HTML page or PDF: a polyglot); "truncated" when the image is cut short."""
    if kind == "png":
        pos = 8
        while pos + 12 <= len(data):
            length = int.from_bytes(data[pos : pos + 4], "big")
            chunk_type = data[pos + 4 : pos + 8]
            pos += 12 + length
            if chunk_type == b"IEND":
                return "ok" if pos == len(data) else "trailing"
        return "truncated"
    if kind == "jpeg":
        if data.rstrip(b"\x00").endswith(b"\xff\xd9"):
            return "ok"
        return "trailing" if b"\xff\xd9" in data[2:] else "truncated"
    if kind == "webp":
        declared = int.from_bytes(data[4:8], "little") + 8
        if len(data) in (declared, declared + (declared % 2)):
            return "ok"
        return "trailing" if len(data) > declared else "truncated"
    return "truncated"


def _contains_markup(data: bytes) -> bool:
    lowered = data.lower()
    return any(marker in lowered for marker in MARKUP_MARKERS)


def validate_image(upload, *, max_bytes: int | None = None, max_pixels: int | None = None) -> CheckedFile:
    """Check a screenshot by content and return it re-encoded. Raises UploadRejected."""
    max_bytes = max_bytes or settings.UPLOAD_IMAGE_MAX_BYTES
    max_pixels = max_pixels or settings.UPLOAD_IMAGE_MAX_PIXELS
    expected = _("PNG, JPEG or WebP")
    data = _read(upload, max_bytes=max_bytes)
    kind = sniff(data)
    if kind not in IMAGE_KINDS:
        raise UploadRejected(_wrong_type_message(kind, expected), code="wrong_type")
    content_type, extensions, pil_format, stored_extension = IMAGE_KINDS[kind]
    name = getattr(upload, "name", "") or ""
    if _extension(name) not in extensions:
        raise UploadRejected(
            _("The file is a %(kind)s image, but its name does not end in %(extensions)s. Rename it and try again.")
            % {"kind": KIND_NAMES[kind], "extensions": " / ".join(f".{e}" for e in sorted(extensions))},
            code="wrong_extension",
        )
    damaged = UploadRejected(_("The image is damaged and cannot be read. Save it again and try again."), code="damaged")
    end = _image_end(kind, data)
    if end == "truncated":
        raise damaged
    if end == "trailing":
        raise UploadRejected(
            _(
                "The image contains extra data after the picture (for example a hidden file). Save it again as a plain %(kind)s image."
            )
            % {"kind": KIND_NAMES[kind]},
            code="polyglot",
        )
    if _contains_markup(data) or (b"PK\x03\x04" in data and b"PK\x05\x06" in data):
        raise UploadRejected(
            _("The image contains web page code, a script or a hidden file. Save it again as a plain %(kind)s image.")
            % {"kind": KIND_NAMES[kind]},
            code="polyglot",
        )
    bomb = UploadRejected(
        _("The image has too many pixels (at most %(max)s million). Make it smaller and try again.")
        % {"max": f"{max_pixels / 1_000_000:g}"},
        code="too_many_pixels",
    )
    damaged = UploadRejected(_("The image is damaged and cannot be read. Save it again and try again."), code="damaged")
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=[pil_format]) as probe:
                width, height = probe.size
                if width < 1 or height < 1:
                    raise damaged
                if width * height > max_pixels:
                    raise bomb
                if getattr(probe, "n_frames", 1) > 1:
                    raise UploadRejected(
                        _("Animated images are not accepted. Upload a still screenshot."), code="animated"
                    )
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
                image.load()
                content = _reencode(image, pil_format)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise bomb from None
        except UploadRejected:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, struct.error) as exc:
            raise damaged from exc
    with Image.open(io.BytesIO(content)) as stored:
        width, height = stored.size
    return CheckedFile(
        content=content,
        content_type=content_type,
        extension=stored_extension,
        sha256=hashlib.sha256(content).hexdigest(),
        original_name=name[-255:],
        width=width,
        height=height,
    )


def _reencode(image: Image.Image, pil_format: str) -> bytes:
    out = io.BytesIO()
    if pil_format == "JPEG":
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("L", "RGB", "CMYK"):
            image = image.convert("RGB")
        image.save(out, format="JPEG", quality=90, optimize=True)
    elif pil_format == "PNG":
        if image.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            image = image.convert("RGBA")
        image.save(out, format="PNG", optimize=False)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(out, format="WEBP", quality=90)
    return out.getvalue()


# PDF --------------------------------------------------------------------------------------------

ACTIVE_KEYS = {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia", "/XFA", "/Launch"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/ImportData", "/GoToE", "/RichMediaExecute", "/SubmitForm"}
MAX_PDF_OBJECTS = 50_000
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_RAW_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")


def _pdf_has_active_content(reader, data: bytes) -> bool:
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

    # 1. The raw bytes (names may be written with #xx escapes).
    if _RAW_ACTIVE.search(_PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)):
        return True

    # 2. Every object, including those inside compressed object streams.
    def dangerous(obj, depth=0) -> bool:
        if depth > 25:
            return False
        if isinstance(obj, IndirectObject):
            return False  # visited on its own in the loop below
        if isinstance(obj, DictionaryObject):
            for key, value in obj.items():
                if key in ACTIVE_KEYS:
                    return True
                if key == "/S" and isinstance(value, NameObject) and value in ACTIVE_ACTIONS:
                    return True
                if key == "/Type" and value == "/EmbeddedFile":
                    return True
                if dangerous(value, depth + 1):
                    return True
        elif isinstance(obj, ArrayObject):
            return any(dangerous(item, depth + 1) for item in obj)
        return False

    size = int(reader.trailer.get("/Size", 0) or 0)
    for number in range(1, min(size, MAX_PDF_OBJECTS)):
        try:
            obj = reader.get_object(number)
        except Exception:  # noqa: BLE001, S112 - a missing or broken object is not active content
            continue
        if dangerous(obj):
            return True
    return dangerous(reader.trailer)


def validate_pdf(upload, *, max_bytes: int | None = None) -> CheckedFile:
    """Check an attachment: a real, unencrypted PDF without active content. Raises UploadRejected."""
    from pypdf import PdfReader

    max_bytes = max_bytes or settings.UPLOAD_ATTACHMENT_MAX_BYTES
    data = _read(upload, max_bytes=max_bytes)
    kind = sniff(data)
    if kind != "pdf":
        raise UploadRejected(_wrong_type_message(kind, "PDF"), code="wrong_type")
    name = getattr(upload, "name", "") or ""
    if _extension(name) != "pdf":
        raise UploadRejected(
            _("The file is a PDF, but its name does not end in .pdf. Rename it and try again."),
            code="wrong_extension",
        )
    damaged = UploadRejected(
        _("The PDF is damaged or incomplete. Save or export it again as PDF and try again."), code="damaged"
    )
    if b"%%EOF" not in data[-1024:]:
        raise damaged
    with warnings.catch_warnings():
        # pypdf warns about small defects of real-world PDFs; we judge the result ourselves.
        warnings.simplefilter("ignore")
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                raise UploadRejected(
                    _("The PDF is protected with a password. Upload a PDF without a password."), code="encrypted"
                )
            if len(reader.pages) < 1:
                raise damaged
            active = _pdf_has_active_content(reader, data)
        except UploadRejected:
            raise
        except Exception as exc:  # noqa: BLE001 - any parser failure on untrusted input means "damaged"
            raise damaged from exc
    if active:
        raise UploadRejected(
            _(
                "The PDF contains active content (JavaScript, embedded files or forms that run code). "
                "Save it again with 'Print to PDF' and try again."
            ),
            code="active_content",
        )
    return CheckedFile(
        content=data,
        content_type="application/pdf",
        extension="pdf",
        sha256=hashlib.sha256(data).hexdigest(),
        original_name=name[-255:],
    )


# Services ---------------------------------------------------------------------------------------


def private_storage():
    """The private storage, resolved at call time (tests and deployments switch it by settings)."""
    return storages["private"]


def random_path(*, entry_id: int, folder: str, extension: str) -> str:
    """entries/<id>/<folder>/<random>.<ext>: the user's file name never reaches the path."""
    return f"entries/{entry_id}/{folder}/{uuid.uuid4().hex}.{extension}"


def _locked_writable_entry(*, entry: Entry, user) -> Entry:
    locked = Entry.objects.select_for_update().select_related("edition").get(pk=entry.pk)
    assert_entry_writable(entry=locked, user=user)
    return locked


def _store(*, checked: CheckedFile, entry_id: int, folder: str) -> str:
    path = random_path(entry_id=entry_id, folder=folder, extension=checked.extension)
    return private_storage().save(path, ContentFile(checked.content))


def _delete_file_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: private_storage().delete(name))


def add_image(*, entry: Entry, user, checked: CheckedFile, alt_text: str, caption: str = "") -> EntryImage:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe what the screenshot shows (alternative text).")})
    with transaction.atomic():
        locked = _locked_writable_entry(entry=entry, user=user)
        if locked.images.count() >= settings.UPLOAD_MAX_IMAGES_PER_ENTRY:
            raise ValidationError(
                _("An entry can have at most %(max)d screenshots. Delete one first.")
                % {"max": settings.UPLOAD_MAX_IMAGES_PER_ENTRY}
            )
        name = _store(checked=checked, entry_id=locked.pk, folder="images")
        try:
            next_order = (locked.images.aggregate(m=Max("sort_order"))["m"] or 0) + 1
            image = EntryImage.objects.create(
                entry=locked,
                file=name,
                alt_text=alt_text[:250],
                caption=(caption or "").strip()[:300],
                width=checked.width,
                height=checked.height,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                sort_order=next_order,
            )
            record_event(
                actor=user,
                action="entry.image_added",
                obj=locked,
                edition_year=locked.edition.year,
                data={"image": image.pk, "sha256": checked.sha256, "size": checked.size},
            )
        except Exception:
            private_storage().delete(name)
            raise
    return image


def update_image(*, image: EntryImage, user, alt_text: str, caption: str) -> EntryImage:
    alt_text = (alt_text or "").strip()
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe what the screenshot shows (alternative text).")})
    with transaction.atomic():
        locked = _locked_writable_entry(entry=image.entry, user=user)
        EntryImage.objects.filter(pk=image.pk, entry=locked).update(
            alt_text=alt_text[:250], caption=(caption or "").strip()[:300]
        )
        image.refresh_from_db()
    return image


def move_image(*, image: EntryImage, user, direction: str) -> None:
    """Swap the screenshot with its neighbour ("up" or "down")."""
    with transaction.atomic():
        locked = _locked_writable_entry(entry=image.entry, user=user)
        images = list(locked.images.order_by("sort_order", "id"))
        index = next(i for i, item in enumerate(images) if item.pk == image.pk)
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(images):
            images[index], images[other] = images[other], images[index]
        for position, item in enumerate(images, start=1):
            if item.sort_order != position:
                EntryImage.objects.filter(pk=item.pk).update(sort_order=position)


def delete_image(*, image: EntryImage, user) -> None:
    with transaction.atomic():
        locked = _locked_writable_entry(entry=image.entry, user=user)
        name = image.file.name
        EntryImage.objects.filter(pk=image.pk, entry=locked).delete()
        record_event(
            actor=user,
            action="entry.image_deleted",
            obj=locked,
            edition_year=locked.edition.year,
            data={"image": image.pk, "sha256": image.sha256},
        )
        _delete_file_after_commit(name)


def add_attachment(*, entry: Entry, user, checked: CheckedFile, title: str) -> EntryAttachment:
    title = (title or "").strip() or checked.original_name.rsplit(".", 1)[0] or _("Attachment")
    with transaction.atomic():
        locked = _locked_writable_entry(entry=entry, user=user)
        if locked.attachments.count() >= settings.UPLOAD_MAX_ATTACHMENTS_PER_ENTRY:
            raise ValidationError(
                _("An entry can have at most %(max)d attachments. Delete one first.")
                % {"max": settings.UPLOAD_MAX_ATTACHMENTS_PER_ENTRY}
            )
        name = _store(checked=checked, entry_id=locked.pk, folder="attachments")
        try:
            attachment = EntryAttachment.objects.create(
                entry=locked,
                file=name,
                title=title[:200],
                original_name=checked.original_name,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
            )
            record_event(
                actor=user,
                action="entry.attachment_added",
                obj=locked,
                edition_year=locked.edition.year,
                data={"attachment": attachment.pk, "sha256": checked.sha256, "size": checked.size},
            )
        except Exception:
            private_storage().delete(name)
            raise
    return attachment


def delete_attachment(*, attachment: EntryAttachment, user) -> None:
    with transaction.atomic():
        locked = _locked_writable_entry(entry=attachment.entry, user=user)
        name = attachment.file.name
        EntryAttachment.objects.filter(pk=attachment.pk, entry=locked).delete()
        record_event(
            actor=user,
            action="entry.attachment_deleted",
            obj=locked,
            edition_year=locked.edition.year,
            data={"attachment": attachment.pk, "sha256": attachment.sha256},
        )
        _delete_file_after_commit(name)
