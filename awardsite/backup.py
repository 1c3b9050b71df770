"""Back up and restore the whole site: database rows and the files of both storages.

The archive is a .tar.gz with:
- `base.json` (content types and permissions) and `data.json`: `dumpdata` of every app with primary keys as they are (content types and
  permissions included, so generic relations and revisions keep pointing at the right rows);
  sessions, task results and derived indexes/renditions are left out: `update_index`,
  `rebuild_references_index` and the image tags make them again;
- `files/<storage>/<path>`: every file of the public ("default") and the private storage;
- `manifest.json`: row counts per model and a SHA-256 per file, so a restore can prove itself.

`inventory()` computes the same counts and checksums for the live site; a restore is good when
the restored site's inventory equals the manifest.
"""

import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.core.management import call_command
from django.db import connection, transaction

STORAGE_ALIASES = ("default", "private")
# Rows that migrations, `update_index` or the cache machinery create again: not data of ours.
EXCLUDED_MODELS = (
    "sessions.session",
    "wagtailsearch.indexentry",
    "wagtailcore.referenceindex",
    "wagtailcore.uploadedfile",
    "django_tasks_database.dbtaskresult",
    "wagtailimages.rendition",
    "awardsite.rendition",
)
BASE_MODELS = ("contenttypes.contenttype", "auth.permission")
FORMAT_VERSION = 1


def counted_models():
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label_lower
        if label in EXCLUDED_MODELS or model._meta.proxy or not model._meta.managed:
            continue
        yield label, model


def row_counts() -> dict[str, int]:
    return {label: model._base_manager.count() for label, model in sorted(counted_models())}


def _walk(storage, prefix: str = ""):
    try:
        directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{prefix}{name}"
    for directory in directories:
        yield from _walk(storage, f"{prefix}{directory}/")


def storage_files() -> dict[str, dict[str, str]]:
    """{storage alias: {path: sha256}} for every stored file (renditions excluded: derived)."""
    result: dict[str, dict[str, str]] = {}
    for alias in STORAGE_ALIASES:
        storage = storages[alias]
        checksums = {}
        for path in sorted(_walk(storage)):
            if alias == "default" and path.startswith("images/"):
                continue  # Wagtail renditions: derived from original_images/, made again on demand
            with storage.open(path, "rb") as handle:
                checksums[path] = hashlib.sha256(handle.read()).hexdigest()
        result[alias] = checksums
    return result


def inventory() -> dict:
    return {"format": FORMAT_VERSION, "rows": row_counts(), "files": storage_files()}


def write_backup(destination: Path) -> dict:
    """Write the archive to `destination`; return its manifest."""
    # Content types and permissions first: signal handlers that run while the rest loads may look
    # them up, and must find the backed-up rows rather than create new ones.
    base = io.StringIO()
    call_command("dumpdata", *BASE_MODELS, stdout=base)
    data = io.StringIO()
    excluded = [*EXCLUDED_MODELS, *BASE_MODELS]
    call_command("dumpdata", *[f"--exclude={label}" for label in excluded if _installed(label)], stdout=data)
    manifest = inventory()
    with tarfile.open(destination, "w:gz") as archive:
        _add_bytes(archive, "base.json", base.getvalue().encode())
        _add_bytes(archive, "data.json", data.getvalue().encode())
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2, sort_keys=True).encode())
        for alias, checksums in manifest["files"].items():
            storage = storages[alias]
            for path in checksums:
                with storage.open(path, "rb") as handle:
                    _add_bytes(archive, f"files/{alias}/{path}", handle.read())
    return manifest


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except LookupError:
        return False
    return True


def _add_bytes(archive: tarfile.TarFile, name: str, payload: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(payload)
    archive.addfile(info, io.BytesIO(payload))


class RestoreError(Exception):
    pass


def restore_backup(source: Path) -> dict:
    """Restore an archive into this (freshly migrated, empty) site. Returns the manifest.

    Raises RestoreError when the database already holds entries or when the restored inventory
    differs from the manifest.
    """
    from submissions.models import Entry

    if Entry.objects.exists():
        raise RestoreError("This database already holds entries: restore only into a fresh, migrated database.")
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(f"Unknown backup format {manifest.get('format')!r}.")
        _empty_all_tables()
        ContentType.objects.clear_cache()
        with transaction.atomic():
            for name in ("base.json", "data.json"):
                with tempfile.NamedTemporaryFile(suffix=".json") as fixture:
                    fixture.write(_read(archive, name))
                    fixture.flush()
                    call_command("loaddata", fixture.name, verbosity=0)
        for alias, checksums in manifest["files"].items():
            storage = storages[alias]
            for path in checksums:
                payload = _read(archive, f"files/{alias}/{path}")
                if storage.exists(path):
                    storage.delete(path)
                saved = storage.save(path, ContentFile(payload))
                if saved != path:
                    raise RestoreError(f"Storage {alias!r} saved {path!r} as {saved!r}.")
    _reset_sequences()
    restored = inventory()
    if restored["rows"] != manifest["rows"] or restored["files"] != manifest["files"]:
        raise RestoreError(_difference(manifest, restored))
    return manifest


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    member = archive.extractfile(name)
    if member is None:
        raise RestoreError(f"The archive has no {name}.")
    return member.read()


def _empty_all_tables() -> None:
    """Empty every table of the fresh site (rows its migrations made: content types, permissions,
    Wagtail's root page, groups …), so the backup's rows come back with their own primary keys."""
    from django.core.management.color import no_style

    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
    connection.ops.execute_sql_flush(statements)


def _reset_sequences() -> None:
    if connection.vendor != "postgresql":
        return
    output = io.StringIO()
    app_labels = sorted({model._meta.app_label for _, model in counted_models()})
    call_command("sqlsequencereset", *app_labels, stdout=output, no_color=True)
    with connection.cursor() as cursor:
        cursor.execute(output.getvalue())


def _difference(expected: dict, actual: dict) -> str:
    lines = ["The restored site differs from the backup:"]
    for label in sorted(set(expected["rows"]) | set(actual["rows"])):
        if expected["rows"].get(label) != actual["rows"].get(label):
            lines.append(f"  rows {label}: backup {expected['rows'].get(label)}, restored {actual['rows'].get(label)}")
    for alias in STORAGE_ALIASES:
        wanted, got = expected["files"].get(alias, {}), actual["files"].get(alias, {})
        for path in sorted(set(wanted) | set(got)):
            if wanted.get(path) != got.get(path):
                lines.append(f"  file {alias}:{path}: differs or missing")
    return "\n".join(lines)
