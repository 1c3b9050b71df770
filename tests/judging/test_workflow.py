"""The juror's journey end to end through the front end, and the Secretariaat's admin screens."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from awardsite.audit import AuditEvent
from awardsite.roles import JURY, SECRETARIAAT
from judging.enums import MembershipState, ReviewState, RoundState
from judging.models import Assignment, ConflictDeclaration, JuryMembership, Review
from submissions.enums import EntryState

from .factories import assign, build_jury, declare, final_review, make_user

pytestmark = pytest.mark.django_db


def says(body: str, msgid: str, params: dict | None = None) -> bool:
    """The message is on the page, in English or in Dutch (whichever the request was served in)."""
    from django.utils import translation
    from django.utils.html import escape

    texts = set()
    for language in ("en", "nl"):
        with translation.override(language):
            text = translation.gettext(msgid)
        texts.add(escape(text % params if params else text))
    return any(text in body for text in texts)


def review_post(jury, values, *, version=0, submit=False, motivation="Sterk idee."):
    data = {"version": str(version), "comment": ""}
    for criterion, value in zip(jury.criteria, values, strict=True):
        data[f"score_{criterion.pk}"] = "" if value is None else str(value)
        data[f"motivation_{criterion.pk}"] = motivation
    if submit:
        data["submit"] = "1"
    else:
        data["save"] = "1"
    return data


def test_juror_declares_then_scores_draft_then_submits(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    client.force_login(juror)

    dashboard = client.get(reverse("judging:dashboard"))
    assert dashboard.status_code == 200
    assert entry.title in dashboard.content.decode()
    assert reverse("judging:declare", kwargs={"round_pk": jury.round.pk}) in dashboard.content.decode()

    # Before declaring, the entry page sends the juror to the declaration.
    entry_url = reverse("judging:entry", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    assert client.get(entry_url).url == reverse("judging:declare", kwargs={"round_pk": jury.round.pk})

    declare_url = reverse("judging:declare", kwargs={"round_pk": jury.round.pk})
    page = client.get(declare_url)
    assert "Datalab 1" in page.content.decode()
    # A conflict without a reason is refused, next to the field, and the choice is kept.
    response = client.post(declare_url, {f"choice_{entry.pk}": "yes", f"reason_{entry.pk}": ""})
    assert response.status_code == 200
    assert not ConflictDeclaration.objects.exists()
    response = client.post(declare_url, {f"choice_{entry.pk}": "no", f"reason_{entry.pk}": ""})
    assert response.status_code == 302
    assert ConflictDeclaration.objects.get(juror=juror, entry=entry).has_conflict is False

    assert client.get(entry_url).status_code == 200
    review_url = reverse("judging:review", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    assert client.get(review_url).status_code == 200

    # Draft with one score missing is fine.
    response = client.post(review_url, review_post(jury, [8, None, 7]))
    assert response.status_code == 302
    review = Review.objects.get(juror=juror, entry=entry)
    assert review.state == ReviewState.DRAFT and review.version == 1
    # Submitting with a missing score is refused and the input stays.
    response = client.post(review_url, review_post(jury, [8, None, 7], version=1, submit=True))
    assert response.status_code == 200
    assert says(response.content.decode(), "Give a score for this criterion before you submit.")
    review.refresh_from_db()
    assert review.state == ReviewState.DRAFT
    response = client.post(review_url, review_post(jury, [8, 6, 7], version=1, submit=True))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.state == ReviewState.FINAL and review.version == 2
    assert [s.value for s in review.scores.order_by("criterion__sort_order")] == [8, 6, 7]
    assert review.revisions.count() == 2
    assert AuditEvent.objects.filter(action="review.submitted").exists()


def test_stale_save_is_refused_with_input_kept_and_newer_version_shown(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    client.force_login(juror)
    review_url = reverse("judging:review", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    client.post(review_url, review_post(jury, [5, 5, 5]))  # version 1, from "the other tab"
    response = client.post(review_url, review_post(jury, [9, 9, 9], version=0, motivation="Mijn tekst"))
    assert response.status_code == 200
    body = response.content.decode()
    assert says(
        body,
        "This review was saved in another window or tab after you opened it. Your input is kept below; the saved "
        "version is shown beside it. Check the scores and save again.",
    )
    assert "Mijn tekst" in body  # input kept
    assert [s.value for s in Review.objects.get().scores.all()] == [5, 5, 5]


def test_closed_round_refuses_changes(client):
    jury = build_jury(round_state=RoundState.CLOSED)
    juror, entry = jury.jurors[0], jury.entries[0]
    assignment = assign(juror, entry, jury.round)
    declare(juror, entry)
    final_review(assignment, [7, 7, 7])
    client.force_login(juror)
    review_url = reverse("judging:review", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    assert client.get(review_url).status_code == 200
    client.post(review_url, review_post(jury, [1, 1, 1], version=1))
    assert [s.value for s in Review.objects.get().scores.all()] == [7, 7, 7]


def test_invitation_adds_jury_group_and_mail_and_acceptance(client, django_capture_on_commit_callbacks):
    jury = build_jury()
    secretariaat = make_user(SECRETARIAAT, mfa=True)
    person = make_user(mfa=True, organisation="Gemeente Utrecht")
    from judging.services.jury import invite_juror

    with django_capture_on_commit_callbacks(execute=True):
        membership = invite_juror(edition=jury.edition, user=person, role="member", by=secretariaat)
    assert person.groups.filter(name=JURY).exists()
    assert len(mail.outbox) == 1 and person.email in mail.outbox[0].to
    client.force_login(person)
    response = client.post(reverse("judging:respond_invitation", kwargs={"pk": membership.pk}), {"answer": "accept"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.state == MembershipState.ACCEPTED
    # Another user cannot answer someone else's invitation.
    other = make_user(JURY, mfa=True)
    client.force_login(other)
    assert client.post(reverse("judging:respond_invitation", kwargs={"pk": membership.pk})).status_code == 404


def test_second_chair_is_refused():
    from django.core.exceptions import ValidationError

    from judging.services.jury import invite_juror

    jury = build_jury()
    with pytest.raises(ValidationError):
        invite_juror(edition=jury.edition, user=make_user(), role="chair", by=make_user(SECRETARIAAT))


def test_own_organisation_is_pre_marked_on_the_declaration(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    juror.organisation = "datalab 1"
    juror.save()
    assign(juror, entry, jury.round)
    client.force_login(juror)
    page = client.get(reverse("judging:declare", kwargs={"round_pk": jury.round.pk})).content.decode()
    assert says(
        page,
        "We marked a conflict in advance: your organisation in your profile matches “%(organisation)s”. If this is "
        "not a conflict, choose “No conflict of interest”.",
        {"organisation": "Datalab 1"},
    )
    assert re.search(r'<input[^>]*value="yes"[^>]*checked', page)


def test_declared_conflict_cannot_be_taken_back_by_the_juror(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry, conflict=True)
    client.force_login(juror)
    client.post(
        reverse("judging:declare", kwargs={"round_pk": jury.round.pk}),
        {f"choice_{entry.pk}": "no", f"reason_{entry.pk}": ""},
    )
    assert ConflictDeclaration.objects.get(juror=juror, entry=entry).has_conflict is True


@pytest.fixture
def secretariaat(client):
    from awardsite.roles import sync_role_permissions

    sync_role_permissions()  # a reused test database may predate the judging models' permissions
    user = make_user(SECRETARIAAT, mfa=True, is_staff=True)
    client.force_login(user)
    return user


def test_admin_screens_render_for_the_secretariaat(client, secretariaat):
    jury = build_jury(entries=3)
    for entry in jury.entries:
        for juror in jury.jurors[:2]:
            declare(juror, entry)
            final_review(assign(juror, entry, jury.round), [6, 7, 8])
    declare(jury.jurors[2], jury.entries[0], conflict=True)
    urls = [
        reverse("judging_admin:jury_home"),
        reverse("judging_admin:jury", kwargs={"edition_id": jury.edition.pk}),
        reverse("judging_admin:matrix", kwargs={"round_id": jury.round.pk}),
        reverse("judging_admin:progress", kwargs={"round_id": jury.round.pk}),
        reverse("judging_admin:conflicts") + f"?edition={jury.edition.year}",
        reverse("judging_admin:audit") + f"?edition={jury.edition.year}&action=review",
        reverse("judging_rounds:index"),
        reverse("judging_rounds:add"),
        reverse("judging_rounds:edit", args=[jury.round.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    progress = client.get(reverse("judging_admin:progress", kwargs={"round_id": jury.round.pk})).content.decode()
    assert "<svg" in progress and "<desc" in progress and "<table" in progress


def test_automatic_assignment_from_the_admin_balances_and_respects_conflicts(client, secretariaat):
    jury = build_jury(entries=5, jurors=3)
    declare(jury.jurors[0], jury.entries[0], conflict=True)
    response = client.post(reverse("judging_admin:matrix", kwargs={"round_id": jury.round.pk}), {"action": "automatic"})
    assert response.status_code == 302
    pairs = set(Assignment.objects.values_list("entry_id", "juror_id"))
    assert (jury.entries[0].pk, jury.jurors[0].pk) not in pairs
    loads = [sum(1 for _, j in pairs if j == juror.pk) for juror in [jury.chair, *jury.jurors]]
    assert max(loads) - min(loads) <= 1
    assert all(sum(1 for e, _ in pairs if e == entry.pk) == 2 for entry in jury.entries)
    assert AuditEvent.objects.filter(action="assignment.automatic").exists()


def test_impossible_assignment_explains_why(client, secretariaat):
    jury = build_jury(entries=1, jurors=1)
    jury.round.reviews_per_entry = 3
    jury.round.save()
    response = client.post(
        reverse("judging_admin:matrix", kwargs={"round_id": jury.round.pk}), {"action": "automatic"}, follow=True
    )
    assert says(
        response.content.decode(),
        "Each entry needs %(k)s jurors, but the jury has only %(n)s jurors who accepted.",
        {"k": 3, "n": 2},
    )
    assert not Assignment.objects.exists()


def test_reminders_go_to_jurors_with_work_left_and_are_audited(
    client, secretariaat, django_capture_on_commit_callbacks
):
    jury = build_jury(entries=1, jurors=2)
    done, lazy = jury.jurors
    declare(done, jury.entries[0])
    final_review(assign(done, jury.entries[0], jury.round), [5, 5, 5])
    assign(lazy, jury.entries[0], jury.round)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("judging_admin:progress", kwargs={"round_id": jury.round.pk}))
    assert [m.to for m in mail.outbox] == [[lazy.email]]
    assert AuditEvent.objects.filter(action="jury.reminder_sent", data__juror=lazy.pk).exists()


def test_open_and_close_round_from_the_admin(client, secretariaat, django_capture_on_commit_callbacks):
    jury = build_jury(round_state=RoundState.PLANNED)
    assign(jury.jurors[0], jury.entries[0], jury.round)
    url = reverse("judging_admin:jury", kwargs={"edition_id": jury.edition.pk})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "open", "round": jury.round.pk})
    assert [m.to for m in mail.outbox] == [[jury.jurors[0].email]]
    jury.round.refresh_from_db()
    assert jury.round.state == RoundState.OPEN
    jury.edition.refresh_from_db()
    assert jury.edition.judging_started_at is not None
    client.post(url, {"action": "close", "round": jury.round.pk})
    jury.round.refresh_from_db()
    assert jury.round.state == RoundState.CLOSED


def test_invite_from_the_admin_with_unknown_email_keeps_input(client, secretariaat):
    jury = build_jury()
    url = reverse("judging_admin:jury", kwargs={"edition_id": jury.edition.pk})
    response = client.post(url, {"action": "invite", "invite-email": "nobody@example.org", "invite-role": "member"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "nobody@example.org" in body
    assert says(body, "No account uses this e-mail address. Ask the person to register first, then invite them.")
    person = make_user()
    response = client.post(url, {"action": "invite", "invite-email": person.email, "invite-role": "member"})
    assert response.status_code == 302
    assert JuryMembership.objects.filter(user=person, edition=jury.edition, state=MembershipState.INVITED).exists()


@pytest.mark.parametrize("role", [None, JURY, "Redactie"])
def test_admin_screens_are_404_for_everyone_but_the_secretariaat(client, role):
    jury = build_jury()
    user = make_user(*([role] if role else []), mfa=True, is_staff=role == "Redactie")
    if role == "Redactie":
        from django.contrib.auth.models import Permission

        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    for url in [
        reverse("judging_admin:jury_home"),
        reverse("judging_admin:matrix", kwargs={"round_id": jury.round.pk}),
        reverse("judging_admin:progress", kwargs={"round_id": jury.round.pk}),
        reverse("judging_admin:conflicts"),
        reverse("judging_admin:audit"),
    ]:
        assert client.get(url).status_code in (302, 404), url
        assert client.post(url, {"action": "automatic"}).status_code in (302, 404, 405), url
    assert not Assignment.objects.exists()


def test_withdrawn_entry_drops_out_of_the_jurors_lists(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    entry.state = EntryState.WITHDRAWN
    entry.save()
    client.force_login(juror)
    assert entry.title not in client.get(reverse("judging:dashboard")).content.decode()
    assert entry.title not in client.get(reverse("judging:round", kwargs={"round_pk": jury.round.pk})).content.decode()


def test_a_round_with_reviews_cannot_be_deleted(client, secretariaat):
    jury = build_jury(round_state=RoundState.PLANNED)
    juror, entry = jury.jurors[0], jury.entries[0]
    declare(juror, entry)
    final_review(assign(juror, entry, jury.round), [5, 5, 5])
    response = client.post(reverse("judging_rounds:delete", args=[jury.round.pk]))
    assert response.status_code == 302
    assert Review.objects.filter(round=jury.round).exists()
    jury.round.refresh_from_db()


def test_a_planned_round_without_reviews_can_be_deleted(client, secretariaat):
    jury = build_jury(round_state=RoundState.PLANNED)
    assign(jury.jurors[0], jury.entries[0], jury.round)
    client.post(reverse("judging_rounds:delete", args=[jury.round.pk]))
    from judging.models import Round

    assert not Round.objects.filter(pk=jury.round.pk).exists()


def test_autosave_of_a_draft_returns_the_new_version_and_refuses_stale_and_final(client):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declare(juror, entry)
    client.force_login(juror)
    url = reverse("judging:review_autosave", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    response = client.post(url, review_post(jury, [7, None, None]))
    assert response.status_code == 200 and response.json()["version"] == 1
    assert client.post(url, review_post(jury, [8, None, None], version=0)).status_code == 409
    assert client.post(url, review_post(jury, [99, None, None], version=1)).status_code == 400
    review_url = reverse("judging:review", kwargs={"round_pk": jury.round.pk, "entry_pk": entry.pk})
    client.post(review_url, review_post(jury, [8, 8, 8], version=1, submit=True))
    assert Review.objects.get().state == ReviewState.FINAL
    assert client.post(url, review_post(jury, [1, 1, 1], version=2)).status_code == 403
    assert sorted(s.value for s in Review.objects.get().scores.all()) == [8, 8, 8]
    # Someone else gets the same 404 as on the form.
    client.force_login(jury.jurors[1])
    assert client.post(url, review_post(jury, [1, 1, 1], version=2)).status_code == 404


def test_secretariaat_reopens_a_mistaken_conflict_and_the_juror_declares_again(client, secretariaat):
    jury = build_jury()
    juror, entry = jury.jurors[0], jury.entries[0]
    assign(juror, entry, jury.round)
    declaration = declare(juror, entry, conflict=True)
    url = reverse("judging_admin:conflicts")
    client.post(url, {"declaration": declaration.pk, "reason": ""})
    assert ConflictDeclaration.objects.filter(pk=declaration.pk).exists()  # a reason is needed
    client.post(url, {"declaration": declaration.pk, "reason": "Verkeerde inzending aangevinkt"})
    assert not ConflictDeclaration.objects.filter(pk=declaration.pk).exists()
    assert AuditEvent.objects.filter(action="conflict.reopened", data__had_conflict=True).exists()
    client.force_login(juror)
    page = client.get(reverse("judging:declare", kwargs={"round_pk": jury.round.pk}))
    assert entry.title in page.content.decode()
