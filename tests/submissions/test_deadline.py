from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from submissions import services
from submissions.deadline import (
    DeadlinePassed,
    EditionNotOpen,
    EntryNotWritable,
    EntryReadOnly,
    assert_edition_accepts_new_entries,
    assert_entry_writable,
    effective_deadline,
)
from submissions.enums import EntryState
from submissions.models import LateAccessCode
from tests.factories import EditionFactory, EntryFactory, UserFactory

pytestmark = pytest.mark.django_db

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def edition():
    # 15 February 2027, 17:00 Amsterdam (CET, UTC+1) = 16:00 UTC; 5 minutes grace.
    return EditionFactory(
        opens_at=datetime(2026, 11, 1, 9, 0, tzinfo=AMS),
        closes_at=datetime(2027, 2, 15, 17, 0, tzinfo=AMS),
        grace_minutes=5,
    )


def test_deadline_exceptions_are_validation_errors():
    assert issubclass(DeadlinePassed, ValidationError)
    assert issubclass(DeadlinePassed, EntryNotWritable)


def test_save_at_deadline_plus_grace_is_accepted(edition):
    entry = EntryFactory(edition=edition)
    at_limit = datetime(2027, 2, 15, 17, 5, tzinfo=AMS)
    assert_entry_writable(entry=entry, user=entry.owner, now=at_limit)


def test_save_one_second_after_deadline_plus_grace_is_refused(edition):
    entry = EntryFactory(edition=edition)
    late = datetime(2027, 2, 15, 17, 5, 1, tzinfo=AMS)
    with pytest.raises(DeadlinePassed) as exc:
        assert_entry_writable(entry=entry, user=entry.owner, now=late)
    assert "17:05" in exc.value.messages[0]


def test_service_save_one_second_late_is_refused_and_changes_nothing(edition):
    entry = EntryFactory(edition=edition, title="Oud")
    late = edition.closes_at + timedelta(minutes=5, seconds=1)
    with pytest.raises(DeadlinePassed):
        services.save_entry(entry=entry, by=entry.owner, changes={"title": "Nieuw"}, expected_version=1, now=late)
    entry.refresh_from_db()
    assert entry.title == "Oud" and entry.version == 1


def test_deadline_is_in_amsterdam_time_across_dst():
    # Summer time: 17:00 CEST is 15:00 UTC.
    edition = EditionFactory(
        opens_at=datetime(2027, 5, 1, tzinfo=AMS), closes_at=datetime(2027, 7, 1, 17, 0, tzinfo=AMS), grace_minutes=0
    )
    entry = EntryFactory(edition=edition)
    assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2027, 7, 1, 15, 0, tzinfo=ZoneInfo("UTC")))
    with pytest.raises(DeadlinePassed):
        assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2027, 7, 1, 15, 0, 1, tzinfo=ZoneInfo("UTC")))


def test_upcoming_edition_refuses_writes(edition):
    entry = EntryFactory(edition=edition)
    with pytest.raises(EditionNotOpen):
        assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2026, 10, 31, 23, 59, tzinfo=AMS))
    with pytest.raises(EditionNotOpen):
        assert_edition_accepts_new_entries(
            edition=edition, user=entry.owner, now=datetime(2026, 10, 31, 23, 59, tzinfo=AMS)
        )


@pytest.mark.parametrize(
    "state", [EntryState.WITHDRAWN, EntryState.ELIGIBLE, EntryState.INELIGIBLE, EntryState.WINNER, EntryState.LONGLIST]
)
def test_only_draft_and_submitted_entries_are_writable(edition, state):
    entry = EntryFactory(edition=edition, state=state)
    with pytest.raises(EntryReadOnly):
        assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2027, 1, 1, tzinfo=AMS))


def test_submitted_entry_is_writable_before_the_deadline(edition):
    entry = EntryFactory(edition=edition, state=EntryState.SUBMITTED)
    assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2027, 1, 1, tzinfo=AMS))


def test_signed_decision_makes_the_edition_read_only(edition):
    edition.decision_signed_at = datetime(2027, 1, 1, tzinfo=AMS)
    edition.save()
    entry = EntryFactory(edition=edition)
    with pytest.raises(EditionNotOpen):
        assert_entry_writable(entry=entry, user=entry.owner, now=datetime(2027, 1, 2, tzinfo=AMS))


def _issue(edition, user, entry=None, deadline=None):
    secretariaat = UserFactory(is_superuser=True)
    return services.issue_late_access_code(
        edition=edition,
        user=user,
        entry=entry,
        by=secretariaat,
        deadline=deadline or datetime(2027, 2, 20, 12, 0, tzinfo=AMS),
    )


def test_redeemed_late_access_code_extends_the_deadline_for_that_entrant_only(edition):
    entry = EntryFactory(edition=edition)
    other = EntryFactory(edition=edition)
    code = _issue(edition, entry.owner, entry)
    after = datetime(2027, 2, 18, 10, 0, tzinfo=AMS)
    # Not redeemed yet: still refused.
    with pytest.raises(DeadlinePassed):
        assert_entry_writable(entry=entry, user=entry.owner, now=after)
    services.redeem_late_access_code(code=code.code.lower(), by=entry.owner, now=after)
    assert_entry_writable(entry=entry, user=entry.owner, now=after)
    assert effective_deadline(edition=edition, user=entry.owner, entry=entry) == code.deadline
    # The other entrant keeps the normal deadline.
    with pytest.raises(DeadlinePassed):
        assert_entry_writable(entry=other, user=other.owner, now=after)
    # And the code's own deadline is enforced too.
    with pytest.raises(DeadlinePassed):
        assert_entry_writable(entry=entry, user=entry.owner, now=code.deadline + timedelta(seconds=1))


def test_late_access_code_of_another_user_cannot_be_redeemed(edition):
    entry = EntryFactory(edition=edition)
    code = _issue(edition, entry.owner, entry)
    with pytest.raises(ValidationError):
        services.redeem_late_access_code(code=code.code, by=UserFactory(), now=datetime(2027, 2, 18, tzinfo=AMS))


def test_revoked_late_access_code_stops_the_extension(edition):
    entry = EntryFactory(edition=edition)
    code = _issue(edition, entry.owner, entry)
    after = datetime(2027, 2, 18, 10, 0, tzinfo=AMS)
    services.redeem_late_access_code(code=code.code, by=entry.owner, now=after)
    services.revoke_late_access_code(code=code, by=code.issued_by)
    with pytest.raises(DeadlinePassed):
        assert_entry_writable(entry=entry, user=entry.owner, now=after)


def test_late_access_code_must_be_later_than_the_deadline_and_issued_by_secretariaat(edition):
    entry = EntryFactory(edition=edition)
    with pytest.raises(ValidationError):
        _issue(edition, entry.owner, entry, deadline=edition.closes_at)
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.issue_late_access_code(
            edition=edition, user=entry.owner, by=entry.owner, deadline=edition.closes_at + timedelta(days=2)
        )
    assert not LateAccessCode.objects.exists()


def test_effective_deadline_without_user_is_the_editions(edition):
    assert effective_deadline(edition=edition) == edition.closes_at + timedelta(minutes=5)
    assert timezone.is_aware(effective_deadline(edition=edition))
