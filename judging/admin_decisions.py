"""The Secretariaat's decision screens in the Wagtail admin: the decisions of an edition (read-only:
a signed decision cannot be edited anywhere), payments per organisation (record a payment, see what
is still to pay), and the score exports. Registered in wagtail_hooks.py. Anyone but the
Secretariaat gets 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from submissions.models import Edition

from .decision_forms import PaymentForm
from .models import AwardShare
from .selectors import decisions as sel
from .selectors.jury import is_staff_of_award
from .services.decisions import record_payment


class DecisionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "judging/admin/decisions.html"
    page_title = gettext_lazy("Decisions and payments")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        # Without a last item Wagtail's slim header shows only "Home" as the page's heading.
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def dispatch(self, request, *args, **kwargs):
        if not is_staff_of_award(request.user):
            raise Http404("Not found.")
        return super().dispatch(request, *args, **kwargs)

    def _edition(self):
        year = self.request.GET.get("edition") or self.kwargs.get("year")
        if year:
            return get_object_or_404(Edition, year=year)
        return Edition.objects.order_by("-year").first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        edition = self._edition()
        context.update({"edition": edition, "editions": Edition.objects.order_by("-year")})
        if edition is None:
            return context
        decision, shares = sel.payments_overview(edition)
        language = get_language() or "nl"
        context.update(
            {
                "decision": decision,
                "awards": sel.explained_awards(sel.decision_with_awards(decision), language) if decision else [],
                "shares": shares,
                "history": sel.decision_history(edition),
                "payment_form": kwargs.get("payment_form") or PaymentForm(),
                "payment_share_id": kwargs.get("payment_share_id"),
            }
        )
        return context

    def post(self, request, *args, **kwargs):
        share = get_object_or_404(
            AwardShare.objects.select_related("award__decision__edition"), pk=request.POST.get("share")
        )
        form = PaymentForm(request.POST)
        if form.is_valid():
            try:
                record_payment(
                    share=share,
                    by=request.user,
                    amount=form.cleaned_data["amount"],
                    paid_on=form.cleaned_data["paid_on"],
                    reference=form.cleaned_data["reference"],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items() if hasattr(error, "error_dict") else []:
                    form.add_error(field if field in form.fields else None, errors)
                if not hasattr(error, "error_dict"):
                    form.add_error(None, error.messages)
            else:
                messages.success(request, _("The payment has been recorded."))
                url = reverse("judging_decisions_admin:index")
                return redirect(f"{url}?edition={share.award.decision.edition.year}")
        self.kwargs["year"] = share.award.decision.edition.year
        context = self.get_context_data(payment_form=form, payment_share_id=share.pk)
        return self.render_to_response(context, status=400)
