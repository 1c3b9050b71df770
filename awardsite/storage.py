"""Storages: "default" is public (published images), "private" holds entry files that are only
served after a permission check (a short-lived signed URL on S3, a streamed response on disk)."""

from django.core.files.storage import storages


def private_storage():
    """Callable for FileField(storage=...), so the storage is resolved at run time."""
    return storages["private"]
