from datetime import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_page
from django.views.decorators.http import require_GET

from .roles import user_has_mfa


@require_GET
@cache_page(60 * 60)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /en/accounts/",
        "Disallow: /mijn-inzendingen/",
        "Disallow: /jury/",
        f"Sitemap: {settings.SITE_URL}/sitemap.xml",
    ]
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
    return render(request, "account/overview.html", {"has_mfa": user_has_mfa(request.user)})
