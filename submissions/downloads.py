"""Serving private files after a permission check.

The rows come from `selectors.entries_visible_to(user)` (the entry's team, the Secretariaat, and
jurors that `judging.access` lets through); anything else answers 404. On S3 the answer is a
redirect to a presigned URL that expires after `settings.PRIVATE_URL_EXPIRY_SECONDS`; on disk the
file is streamed. Either way: attachment disposition (images may be shown inline), nosniff, no
caching, and a CSP that forbids everything inside the file.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.utils.text import slugify

from .models import EntryAttachment, EntryImage
from .selectors import entries_visible_to

FILE_KINDS = {"image": EntryImage, "attachment": EntryAttachment}


def is_s3(storage) -> bool:
    return hasattr(storage, "bucket_name") and hasattr(storage, "connection")


def get_file_for_user_or_404(user, *, kind: str, pk: int):
    model = FILE_KINDS.get(kind)
    if model is None:
        raise Http404("No such file.")
    item = (
        model.objects.filter(pk=pk, entry__in=entries_visible_to(user).values("pk"))
        .select_related("entry__edition")
        .first()
    )
    if item is None:
        raise Http404("No such file.")
    return item


def download_filename(item) -> str:
    if isinstance(item, EntryAttachment):
        return f"{slugify(item.title)[:80] or 'bijlage'}-{item.pk}.pdf"
    extension = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}.get(item.content_type, "bin")
    return f"screenshot-{item.entry_id}-{item.pk}.{extension}"


def _harden(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def private_file_response(item, *, inline: bool = False):
    """The answer for one permitted file: a presigned redirect on S3, a stream from disk otherwise.
    `inline` (images only, for previews in our own pages) always streams through the app, so the
    page's CSP (img-src 'self') holds."""
    storage = storages["private"]
    filename = download_filename(item)
    inline = inline and isinstance(item, EntryImage)
    if is_s3(storage) and not inline:
        url = storage.url(
            item.file.name,
            parameters={
                "ResponseContentDisposition": f'attachment; filename="{filename}"',
                "ResponseContentType": item.content_type,
                "ResponseCacheControl": "private, no-store",
            },
            expire=settings.PRIVATE_URL_EXPIRY_SECONDS,
        )
        return _harden(HttpResponseRedirect(url))
    try:
        handle = storage.open(item.file.name, "rb")
    except (FileNotFoundError, OSError):
        raise Http404("The file is missing.") from None
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=item.content_type)
    return _harden(response)
