"""Guides need a second editor: the one who submits for approval cannot approve."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied

from awardsite.roles import REDACTIE
from showcase.models import GuidePage
from showcase.services import ensure_editorial_workflows
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def editor(**kwargs):
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get_or_create(name=REDACTIE)[0])
    return user


@pytest.fixture
def submitted_guide(guide_index):
    ensure_editorial_workflows(guide_index=guide_index)
    author = editor()
    guide = GuidePage(
        title="Open data vinden",
        intro="Zo vindt u data.",
        last_reviewed=datetime.date(2026, 1, 1),
        body=[("paragraph", "<p>Tekst</p>")],
        live=False,
    )
    guide_index.add_child(instance=guide)
    guide.save_revision(user=author)
    workflow = guide.get_workflow()
    assert workflow is not None and workflow.name == "Guide approval"
    workflow.start(guide, author)
    guide.refresh_from_db()
    return guide, author


def test_author_gets_no_approve_action_and_cannot_approve(submitted_guide):
    guide, author = submitted_guide
    task_state = guide.current_workflow_task_state
    task = task_state.task.specific
    assert task.get_actions(guide, author) == []
    assert not task.get_task_states_user_can_moderate(author).exists()
    with pytest.raises(PermissionDenied):
        task.on_action(task_state, author, "approve")
    guide.refresh_from_db()
    assert not guide.live


def test_superuser_author_cannot_approve_own_guide_either(guide_index):
    ensure_editorial_workflows(guide_index=guide_index)
    boss = editor(is_superuser=True)
    guide = GuidePage(title="Eigen werk", intro="x", last_reviewed=datetime.date(2026, 1, 1), body=[], live=False)
    guide_index.add_child(instance=guide)
    guide.save_revision(user=boss)
    guide.get_workflow().start(guide, boss)
    guide.refresh_from_db()
    task = guide.current_workflow_task_state.task.specific
    assert task.get_actions(guide, boss) == []


def test_second_editor_approves_and_the_guide_is_published(client, submitted_guide):
    guide, _author = submitted_guide
    reviewer = editor()
    task_state = guide.current_workflow_task_state
    task = task_state.task.specific
    assert [name for name, _label, _modal in task.get_actions(guide, reviewer)] == ["reject", "approve", "approve"]
    assert task.get_task_states_user_can_moderate(reviewer).exists()
    task.on_action(task_state, reviewer, "approve")
    guide.refresh_from_db()
    assert guide.live
    assert client.get(guide.url).status_code == 200
