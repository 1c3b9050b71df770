"""Account pages of the privacy part: download all my data, delete my account."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from awardsite.audit import record_event

from .file_forms import DeleteAccountForm
from .privacy import account_deletion_refusal, delete_account, iter_personal_data_zip


@login_required
@require_GET
def my_data(request):
    return render(request, "submissions/privacy/my_data.html")


@login_required
@require_GET
def my_data_download(request):
    record_event(actor=request.user, action="account.data_exported", obj=request.user)
    response = StreamingHttpResponse(iter_personal_data_zip(request.user), content_type="application/zip")
    filename = f"soda-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def delete_my_account(request):
    refusal = account_deletion_refusal(request.user)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and refusal is None and form.is_valid():
        try:
            delete_account(user=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            logout(request)
            messages.success(request, _("Your account has been deleted. Thank you for taking part."))
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "submissions/privacy/delete_account.html", {"form": form, "refusal": refusal}, status=status)
