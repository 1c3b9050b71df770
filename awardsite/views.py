from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET, require_POST

from .access import has_verified_email
from .roles import user_has_mfa

# Personal areas: no crawler needs them (they answer 302/404 to a crawler anyway). Both languages.
ROBOTS_PRIVATE_PREFIXES = [
    "/accounts/",
    "/account/",
    "/mijn-inzendingen/",
    "/inzendingen/",
    "/bestanden/",
    "/uitnodiging/",
    "/nominatie/",
    "/jury/",
]


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/"]
    for prefix in ROBOTS_PRIVATE_PREFIXES:
        lines += [f"Disallow: {prefix}", f"Disallow: /en{prefix}"]
    lines.append(f"Sitemap: {settings.SITE_URL}/sitemap.xml")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def security_txt_expiry() -> datetime:
    return datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES.replace("Z", "+00:00"))


@require_GET
def security_txt(request):
    lines = [
        f"Contact: {settings.SECURITY_TXT_CONTACT}",
        f"Expires: {security_txt_expiry().strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}/.well-known/security.txt",
        "Policy: https://www.ncsc.nl/contact/kwetsbaarheid-melden",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that may fail: the 500 template is plain.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)


@login_required
def account_overview(request):
    from .account_forms import ProfileForm
    from .roles import ALL_ROLES

    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your details have been saved."))
        return redirect("account_overview")
    roles = [name for name in request.user.groups.values_list("name", flat=True) if name in ALL_ROLES]
    return render(
        request,
        "account/overview.html",
        {
            "form": form,
            "has_mfa": user_has_mfa(request.user),
            "has_verified_email": has_verified_email(request.user),
            "roles": roles,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _safe_next(request, fallback: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


@login_required
@require_POST
def resend_verification_email(request):
    """The button on the 'verify your e-mail address first' page."""
    from allauth.account.internal.flows.email_verification import send_verification_email_for_user

    target = _safe_next(request, fallback=reverse("account_overview"))
    if has_verified_email(request.user):
        messages.success(request, _("Your e-mail address is already verified."))
        return redirect(target)
    # allauth adds its own "confirmation e-mail sent" message when it sends; when its rate limit
    # holds the mail back, the earlier mail is still valid and we say so.
    if not send_verification_email_for_user(request, request.user):
        messages.info(
            request,
            _(
                "We sent you a verification e-mail a few minutes ago. The link in that e-mail still "
                "works. Check your spam folder too, or try again in a few minutes."
            ),
        )
    return redirect(target)


def _to_allauth_login(next_url: str):
    return redirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")


def admin_login(request):
    """Takes the place of Wagtail's /admin/login/, which would log in with a password only.

    Every login goes through allauth, so the e-mail verification and the MFA stage always apply.
    This view never authenticates anybody, whatever is posted to it."""
    next_url = _safe_next(request, fallback=reverse("wagtailadmin_home"))
    if not request.user.is_authenticated:
        return _to_allauth_login(next_url)
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect(next_url)
    # Logged in but not an admin user: say so, instead of bouncing between login and admin.
    return render(request, "account/no_admin_access.html", status=403)


def frontend_login(request):
    """Takes the place of Wagtail's front-end login (/_util/login/) for private pages."""
    if request.user.is_authenticated:
        return redirect(_safe_next(request, fallback="/"))
    return _to_allauth_login(_safe_next(request, fallback="/"))
