"""A Wagtail workflow task that needs a second pair of eyes.

Like Wagtail's group approval, but the person who submitted the page to the workflow cannot
approve it themselves (not even a superuser): a guide is published only after another member of
the chosen groups (Redactie) approved it.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


def _requested_by_id(obj):
    state = getattr(obj, "current_workflow_state", None)
    return state.requested_by_id if state is not None else None


class SecondEditorApprovalTask(AbstractGroupApprovalTask):
    def get_actions(self, obj, user):
        if _requested_by_id(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == "approve" and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(_("Another editor must approve what you submitted."))
        return super().on_action(task_state, user, action_name, **kwargs)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return super().get_task_states_user_can_moderate(user, **kwargs).exclude(workflow_state__requested_by=user)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve, except the person who submitted it (four eyes).")

    class Meta:
        verbose_name = _("second-editor approval task")
        verbose_name_plural = _("second-editor approval tasks")
