import json

from django.core.management.base import BaseCommand

from awardsite.backup import inventory


class Command(BaseCommand):
    help = "Print row counts per model and SHA-256 checksums of every stored file, as JSON."

    def handle(self, *args, **options):
        self.stdout.write(json.dumps(inventory(), indent=2, sort_keys=True))
