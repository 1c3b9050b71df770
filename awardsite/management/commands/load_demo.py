"""Build (or bring up to date) the demo site. Idempotent: run it as often as you like.

Each app contributes its part through a `demo.py` module with `load(*, out)`; they run in the
order below, because judging needs entries and the showcase needs decisions.
"""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

DEMO_MODULES = ["awardsite.demo", "submissions.demo", "judging.demo", "showcase.demo"]


class Command(BaseCommand):
    help = "Load fictional demo content (editions, entries, jury data, showcase, guides) and print demo logins."

    def handle(self, *args, **options):
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue
            with transaction.atomic():
                module.load(out=self.stdout)
        from awardsite.demo import print_logins

        print_logins(out=self.stdout)
