"""Forms of the deliberation and decision screens. Input only: the rules live in the services."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from awardsite.forms import SodaFormMixin

from . import prize
from .enums import PrizeRule, RankingBasis

UNIT_CHOICES = [
    ("0.01", _("Cent (EUR 0.01)")),
    ("1", _("Euro (EUR 1)")),
    ("100", _("Hundred euros (EUR 100)")),
]


class NoteForm(SodaFormMixin, forms.Form):
    text = forms.CharField(label=_("Your note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))


class ShortlistForm(SodaFormMixin, forms.Form):
    entries = forms.MultipleChoiceField(
        label=_("Nominees"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The entries you choose go to the final round. The other longlist entries are not selected."),
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].choices = choices


class FinalRankingForm(SodaFormMixin, forms.Form):
    """One rank and one reason field per nominee (rank_<id>, reason_<id>)."""

    basis = forms.ChoiceField(
        label=_("Compare with the arithmetic on"), choices=RankingBasis.choices, initial=RankingBasis.CALIBRATED
    )

    def __init__(self, *args, entries=(), initial_ranks=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_ranks = initial_ranks or {}
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"rank_{entry.pk}"] = forms.IntegerField(
                label=_("Rank of %(title)s") % {"title": entry.title},
                min_value=1,
                max_value=999,
                initial=initial_ranks.get(entry.pk),
            )
            self.fields[f"reason_{entry.pk}"] = forms.CharField(
                label=_("Reason for departing from the arithmetic (%(title)s)") % {"title": entry.title},
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        return [(entry, self[f"rank_{entry.pk}"], self[f"reason_{entry.pk}"]) for entry in self.entries]


def _decimal_or_none(value: str, what: str):
    if value in (None, ""):
        return None
    try:
        return prize.to_decimal(value, what=what)
    except prize.PrizeSplitError as error:
        raise forms.ValidationError(prize.error_text(error, _current_language())) from None


def _current_language() -> str:
    from django.utils.translation import get_language

    return get_language() or "nl"


class CalculatorForm(SodaFormMixin, forms.Form):
    """The calculator's parameters (GET): winners, unit, and the options of each rule."""

    winner_count = forms.IntegerField(
        label=_("Number of winners"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("The best ranked entries of the final ranking; tied entries count as ranked."),
    )
    unit = forms.ChoiceField(label=_("Rounding unit"), choices=UNIT_CHOICES, initial="0.01")
    shares = forms.CharField(
        label=_("Fixed shares by rank (%)"),
        required=False,
        initial="50,30,20",
        help_text=_("Percentages per place, separated by commas, adding up to 100. For example 50,30,20."),
    )
    floor = forms.CharField(label=_("Proportional: at least (EUR)"), required=False)
    cap = forms.CharField(label=_("Proportional: at most (EUR)"), required=False)

    def clean_shares(self):
        value = self.cleaned_data.get("shares")
        if not value:
            return None
        try:
            return prize.parse_shares(value)
        except prize.PrizeSplitError as error:
            raise forms.ValidationError(prize.error_text(error, _current_language())) from None

    def clean_floor(self):
        return _decimal_or_none(self.cleaned_data.get("floor"), "floor")

    def clean_cap(self):
        return _decimal_or_none(self.cleaned_data.get("cap"), "cap")

    def clean_unit(self):
        return Decimal(self.cleaned_data["unit"])


class DecisionDraftForm(CalculatorForm):
    """The calculator's parameters plus the choice of rule and the words of the decision."""

    rule = forms.ChoiceField(label=_("Prize rule for the decision"), choices=PrizeRule.choices)
    motivation = forms.CharField(label=_("Jury motivation"), max_length=8000, widget=forms.Textarea(attrs={"rows": 6}))
    honourable_mentions = forms.MultipleChoiceField(
        label=_("Honourable mentions"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        self.fields["honourable_mentions"].choices = [(str(e.pk), e.title) for e in self.entries]
        for entry in self.entries:
            self.fields[f"motivation_{entry.pk}"] = forms.CharField(
                label=_("Motivation for %(title)s") % {"title": entry.title},
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.fields[f"amount_{entry.pk}"] = forms.CharField(
                label=_("Manual amount for %(title)s (EUR)") % {"title": entry.title}, required=False
            )

    def award_motivations(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data.get(f"motivation_{e.pk}", "") for e in self.entries}

    def manual_amounts(self) -> dict[int, Decimal]:
        amounts = {}
        for entry in self.entries:
            value = self.cleaned_data.get(f"amount_{entry.pk}")
            if value:
                amounts[entry.pk] = value
        return amounts

    def clean(self):
        cleaned = super().clean()
        for entry in self.entries:
            name = f"amount_{entry.pk}"
            try:
                cleaned[name] = _decimal_or_none(cleaned.get(name), "amount")
            except forms.ValidationError as error:
                self.add_error(name, error)
        return cleaned


class SignForm(SodaFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=_("I sign this decision on behalf of the jury. I know that it cannot be changed afterwards.")
    )


class SupersedeForm(SodaFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the signed decision replaced?"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )


class FeedbackForm(SodaFormMixin, forms.Form):
    text = forms.CharField(
        label=_("Feedback to the entrants"), max_length=8000, widget=forms.Textarea(attrs={"rows": 8})
    )


class PaymentForm(SodaFormMixin, forms.Form):
    amount = forms.DecimalField(
        label=_("Amount paid (EUR)"), max_digits=10, decimal_places=2, min_value=Decimal("0.01")
    )
    paid_on = forms.DateField(label=_("Date paid"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(
        label=_("Reference"),
        required=False,
        max_length=100,
        help_text=_("Payment or order number. Do not enter bank details."),
    )
