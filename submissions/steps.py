"""The seven steps of the entry form, in order. One list, used by the step indicator, the
checklist, the step views (engineer "journey") and the datasets/files steps (engineer "files-admin").

Each step has a slug, a label, a URL name and a completeness check (`submissions.completeness`).
Steps with `url_name == "submissions:entry_step"` are reversed with kwargs `pk` and `slug`; the
others (`submissions:entry_datasets`, `submissions:entry_files`) with kwarg `pk` only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

STEP_URL_NAME = "submissions:entry_step"


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    label: Promise
    url_name: str
    description: Promise

    def url(self, entry) -> str:
        if self.url_name == STEP_URL_NAME:
            return reverse(self.url_name, kwargs={"pk": entry.pk, "slug": self.slug})
        try:
            return reverse(self.url_name, kwargs={"pk": entry.pk})
        except NoReverseMatch:
            # The datasets/files steps belong to the files-admin part of the app; while its URL is
            # not installed the step indicator shows the step without a link.
            return ""

    @property
    def is_form_step(self) -> bool:
        return self.url_name == STEP_URL_NAME


STEPS: tuple[Step, ...] = (
    Step(1, "organisatie", _("Organisation and team"), STEP_URL_NAME, _("Who made it, and with whom.")),
    Step(2, "toepassing", _("The application"), STEP_URL_NAME, _("What it is and which question it answers.")),
    Step(3, "data", _("Data used"), "submissions:entry_datasets", _("The open data your application uses.")),
    Step(4, "impact", _("Impact and plans"), STEP_URL_NAME, _("What it achieved and what you will do with the prize.")),
    Step(5, "bestanden", _("Images and attachments"), "submissions:entry_files", _("Screenshots and documents.")),
    Step(6, "toestemming", _("Consents"), STEP_URL_NAME, _("What we may do with your entry.")),
    Step(7, "controleren", _("Check and submit"), STEP_URL_NAME, _("Check everything and submit.")),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FORM_STEP_SLUGS = tuple(step.slug for step in STEPS if step.is_form_step)
CHECK_STEP_SLUG = "controleren"


def get_step(slug: str) -> Step | None:
    return STEPS_BY_SLUG.get(slug)


def next_step(step: Step) -> Step | None:
    return STEPS[step.number] if step.number < len(STEPS) else None


def previous_step(step: Step) -> Step | None:
    return STEPS[step.number - 2] if step.number > 1 else None
