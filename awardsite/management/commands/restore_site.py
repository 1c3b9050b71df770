from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from awardsite.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_site into a freshly migrated database and empty storage, "
        "then check that row counts and file checksums equal the backup's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)

    def handle(self, *args, archive: Path, **options):
        if not archive.exists():
            raise CommandError(f"No backup at {archive}.")
        try:
            manifest = restore_backup(archive)
        except RestoreError as error:
            raise CommandError(str(error)) from error
        rows = sum(manifest["rows"].values())
        files = sum(len(paths) for paths in manifest["files"].values())
        self.stdout.write(f"Restored and verified: {rows} rows, {files} files. Run `manage.py update_index` next.")
