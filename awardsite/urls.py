from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from . import health, views

urlpatterns = [
    # Wagtail's own login would skip allauth's MFA stage: every login goes through allauth.
    path("admin/login/", views.admin_login, name="admin_login_via_allauth"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", set_language, name="set_language"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path(".well-known/security.txt", views.security_txt, name="security_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("healthz/live", health.live, name="healthz_live"),
    path("healthz/ready", health.ready, name="healthz_ready"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("submissions.urls")),
    path("", include("judging.urls")),
    path("", include("showcase.urls")),
    path("", include("awardsite.account_urls")),
    path("_util/login/", views.frontend_login, name="frontend_login_via_allauth"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "awardsite.views.page_not_found"
handler500 = "awardsite.views.server_error"
