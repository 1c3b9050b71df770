"""Storages: "default" is public (published images), "private" holds entry files that are only
served after a permission check (a short-lived signed URL on S3, a streamed response on disk)."""

from django.core.files.storage import storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateStorage(LazyObject):
    """`storages["private"]`, looked up when first used and again after STORAGES changes.

    A FileField resolves its storage once, when the model class is built; through this proxy
    the field always talks to the storage the settings name now (tests move it per test).
    """

    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = PrivateStorage()


@receiver(setting_changed)
def _reset_private_storage(*, setting, **kwargs):
    if setting in ("STORAGES", "PRIVATE_MEDIA_ROOT"):
        _private_storage._wrapped = empty


def private_storage():
    """Callable for FileField(storage=...): the migration keeps the callable, not a location."""
    return _private_storage
