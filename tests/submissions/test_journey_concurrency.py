"""Racing requests on PostgreSQL: row locks keep submits and saves consistent."""

import threading

import pytest
from django.core import mail
from django.db import connection

from submissions import services
from submissions.enums import EntryState
from submissions.models import Entry, EntryVersion, SubmissionReceipt

from .journey_factories import complete_entry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _race(n, work):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results, errors


def test_twenty_parallel_submits_give_one_submission_and_one_email():
    entry = complete_entry()
    owner = entry.owner
    results, errors = _race(20, lambda: services.submit_entry(entry=entry.pk, by=owner))
    assert errors == []
    assert sum(1 for _e, _r, created in results if created) == 1
    assert SubmissionReceipt.objects.filter(entry=entry).count() == 1
    assert len(mail.outbox) == 1
    entry.refresh_from_db()
    assert entry.state == EntryState.SUBMITTED


def test_twenty_parallel_saves_from_the_same_version_keep_exactly_one():
    entry = complete_entry()
    owner = entry.owner
    counter = iter(range(100))
    lock = threading.Lock()

    def save():
        with lock:
            n = next(counter)
        return services.save_entry(
            entry=entry.pk, by=owner, changes={"summary": f"Versie {n}"}, expected_version=entry.version
        )

    results, errors = _race(20, save)
    assert len(results) == 1 and len(errors) == 19
    assert all(isinstance(e, services.StaleEntry) for e in errors)
    fresh = Entry.objects.get(pk=entry.pk)
    assert fresh.summary == results[0].entry.summary and fresh.version == entry.version + 1
    assert EntryVersion.objects.filter(entry=entry).count() == 1
