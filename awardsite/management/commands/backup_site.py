from pathlib import Path

from django.core.management.base import BaseCommand

from awardsite.backup import write_backup


class Command(BaseCommand):
    help = "Write a backup of the whole site (database rows and the files of both storages) to a .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="Path of the archive to write, e.g. soda-2026-11-28.tar.gz")

    def handle(self, *args, output: Path, **options):
        manifest = write_backup(output)
        rows = sum(manifest["rows"].values())
        files = sum(len(paths) for paths in manifest["files"].values())
        self.stdout.write(f"Backup written to {output}: {rows} rows, {files} files.")
