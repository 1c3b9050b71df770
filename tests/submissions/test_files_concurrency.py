"""Racing requests on PostgreSQL for the files-admin part: upload limits under a row lock, and
outbox messages sent exactly once by competing workers."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from awardsite.roles import SECRETARIAAT
from submissions import uploads
from submissions.enums import MailingState, MessageState
from submissions.models import Mailing
from submissions.outbox import create_mailing, deliver_pending_messages
from tests.factories import EntryFactory
from tests.judging.factories import make_user

from .files import image_bytes, upload

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
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_parallel_uploads_respect_the_image_limit(settings):
    settings.UPLOAD_MAX_IMAGES_PER_ENTRY = 3
    entry = EntryFactory()
    checked = uploads.validate_image(upload("a.png", image_bytes("PNG")))
    results, errors = _race(
        8, lambda: uploads.add_image(entry=entry, user=entry.owner, checked=checked, alt_text="Kaart")
    )
    assert len(results) == 3
    assert len(errors) == 5 and all(isinstance(e, ValidationError) for e in errors)
    assert entry.images.count() == 3
    assert sorted(entry.images.values_list("sort_order", flat=True)) == [1, 2, 3]


def test_competing_workers_send_each_message_once():
    secretariaat = make_user(SECRETARIAAT)
    entries = [EntryFactory() for _ in range(12)]
    mailing = create_mailing(subject="Hoi {{ naam }}", body="Tekst", recipients=entries, created_by=secretariaat)
    Mailing.objects.filter(pk=mailing.pk).update(state=MailingState.SENDING)
    results, errors = _race(6, lambda: deliver_pending_messages(mailing.pk))
    assert errors == []
    assert sum(results) == 12
    assert sorted(m.to[0] for m in mail.outbox) == sorted(e.owner.email for e in entries)
    assert set(mailing.messages.values_list("state", flat=True)) == {MessageState.SENT}
    mailing.refresh_from_db()
    assert mailing.state == MailingState.SENT
