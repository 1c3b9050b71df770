"""Front-end forms of the jury: conflict declaration and the review (scores per criterion).

Forms only shape input; rules live in judging.services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin

NO_CONFLICT = "no"
CONFLICT = "yes"


class DeclarationForm(SodaFormMixin, forms.Form):
    """One form for all entries of a round: per entry a choice and, with a conflict, a reason.
    Field names: `choice_<entry id>` and `reason_<entry id>`."""

    def __init__(self, *args, entries, declarations, flags, **kwargs):
        self.entries = list(entries)
        self.declarations = declarations
        self.flags = flags
        initial = {}
        for entry in self.entries:
            declaration = declarations.get(entry.pk)
            if declaration is not None:
                initial[f"choice_{entry.pk}"] = CONFLICT if declaration.has_conflict else NO_CONFLICT
                initial[f"reason_{entry.pk}"] = declaration.reason
            elif entry.pk in flags:
                initial[f"choice_{entry.pk}"] = CONFLICT
                initial[f"reason_{entry.pk}"] = self.flag_reason(flags[entry.pk])
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        for entry in self.entries:
            locked = bool(declarations.get(entry.pk) and declarations[entry.pk].has_conflict)
            self.fields[f"choice_{entry.pk}"] = forms.ChoiceField(
                label=_("Conflict of interest with “%(title)s”?") % {"title": entry.title},
                choices=[(NO_CONFLICT, _("No conflict of interest")), (CONFLICT, _("Conflict of interest"))],
                widget=forms.RadioSelect,
                disabled=locked,
            )
            self.fields[f"reason_{entry.pk}"] = forms.CharField(
                label=_("Reason for the conflict with “%(title)s”") % {"title": entry.title},
                help_text=_("Only needed with a conflict. For example: I work for this organisation."),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                disabled=locked,
            )
            # SodaFormMixin styled the fields that existed before; style the ones added here too.
            self.fields[f"choice_{entry.pk}"].widget.attrs.setdefault("class", "utrecht-radio-button")
            self.fields[f"reason_{entry.pk}"].widget.attrs.setdefault("class", "utrecht-textarea")
            self.fields[f"reason_{entry.pk}"].widget.attrs["aria-describedby"] = f"id_reason_{entry.pk}_help"

    @staticmethod
    def flag_reason(flag: str) -> str:
        if flag == "team":
            return str(_("I am on the team of this entry."))
        return str(_("I work for or with %(organisation)s, an organisation of this entry.") % {"organisation": flag})

    def rows(self):
        """Per entry: the entry, its two fields and why it was pre-marked (for the template)."""
        for entry in self.entries:
            declaration = self.declarations.get(entry.pk)
            yield {
                "entry": entry,
                "choice": self[f"choice_{entry.pk}"],
                "reason": self[f"reason_{entry.pk}"],
                "flag": self.flags.get(entry.pk),
                "locked": bool(declaration and declaration.has_conflict),
                "declaration": declaration,
            }

    def clean(self):
        cleaned = super().clean()
        for entry in self.entries:
            if cleaned.get(f"choice_{entry.pk}") == CONFLICT and not (cleaned.get(f"reason_{entry.pk}") or "").strip():
                self.add_error(f"reason_{entry.pk}", _("Describe the conflict of interest in a few words."))
        return cleaned

    def declarations_input(self):
        from .services.conflicts import DeclarationInput

        result = []
        for entry in self.entries:
            if self.fields[f"choice_{entry.pk}"].disabled:
                continue
            result.append(
                DeclarationInput(
                    entry_id=entry.pk,
                    has_conflict=self.cleaned_data[f"choice_{entry.pk}"] == CONFLICT,
                    reason=self.cleaned_data.get(f"reason_{entry.pk}") or "",
                )
            )
        return result


class ReviewForm(SodaFormMixin, forms.Form):
    """Per criterion a score (`score_<id>`) and a motivation (`motivation_<id>`), a general comment
    and the version the form was opened at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    comment = forms.CharField(
        label=_("General comment"),
        help_text=_("Optional. Visible to the jury, never to the entrant."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, criteria, **kwargs):
        self.criteria = list(criteria)
        super().__init__(*args, **kwargs)
        fields = {}
        for criterion in self.criteria:
            fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=_("Score for %(name)s") % {"name": criterion.name},
                help_text=_("From %(min)s (lowest) to %(max)s (highest). Weight %(weight)s.")
                % {"min": criterion.scale_min, "max": criterion.scale_max, "weight": criterion.weight.normalize()},
                choices=[("", _("No score yet"))]
                + [(str(v), str(v)) for v in range(criterion.scale_min, criterion.scale_max + 1)],
                coerce=int,
                empty_value=None,
                required=False,
            )
            fields[f"motivation_{criterion.pk}"] = forms.CharField(
                label=_("Motivation for %(name)s") % {"name": criterion.name},
                help_text=_("Why this score? Needed when you submit."),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        comment = self.fields.pop("comment")
        self.fields.update(fields)
        self.fields["comment"] = comment
        # SodaFormMixin styled the fields that existed before; style the ones added here too.
        for name, field in fields.items():
            css = "utrecht-select" if name.startswith("score_") else "utrecht-textarea"
            field.widget.attrs["class"] = css
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_help"

    def rows(self):
        for criterion in self.criteria:
            yield {
                "criterion": criterion,
                "score": self[f"score_{criterion.pk}"],
                "motivation": self[f"motivation_{criterion.pk}"],
            }

    def scores_input(self):
        from .services.reviews import ScoreInput

        return [
            ScoreInput(
                criterion_id=c.pk,
                value=self.cleaned_data.get(f"score_{c.pk}"),
                motivation=self.cleaned_data.get(f"motivation_{c.pk}") or "",
            )
            for c in self.criteria
        ]
