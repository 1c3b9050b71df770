"""Request-wide rules: extra security headers, and MFA before staff, jurors and editors go anywhere."""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .roles import user_has_mfa, user_requires_mfa


class SecurityHeadersMiddleware:
    """Headers Django does not set itself."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RequireMFAMiddleware:
    """A user who must have MFA (staff, Jury, Secretariaat, Redactie) and has none reaches only
    the MFA set-up pages, logout and static assets, until TOTP is set up. This covers Wagtail's
    admin (including /admin/login/, which redirects to allauth's login) and every jury screen."""

    ALLOWED_URL_NAMES = {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_generate_recovery_codes",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "account_logout",
        "wagtailadmin_logout",
        "account_reauthenticate",
        "set_language",
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and self._requires_mfa(request, user)
            and not user_has_mfa(user)
            and not self._is_allowed(request)
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _requires_mfa(request, user) -> bool:
        if user_requires_mfa(user):
            return True
        # Admin access through any other group (e.g. Wagtail's default Editors/Moderators) also
        # needs MFA. Asked only on admin URLs, so ordinary pages cost no extra queries.
        return request.path_info.startswith("/admin/") and user.has_perm("wagtailadmin.access_admin")

    def _is_allowed(self, request) -> bool:
        path = request.path_info
        if path.startswith((settings.STATIC_URL, "/favicon", "/robots.txt", "/.well-known/")):
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            from django.urls import Resolver404, resolve

            try:
                match = resolve(path)
            except Resolver404:
                return False
        return match.url_name in self.ALLOWED_URL_NAMES


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp 4's middleware with one exception: Wagtail's admin (`/admin/`) uses inline
    <script> blocks and style attributes, so it gets `ADMIN_CONTENT_SECURITY_POLICY` instead of the
    site's strict policy. That admin policy keeps what cannot break Wagtail: no framing by other
    sites, no plugins, no foreign <base> or form targets. The public site keeps script-src 'self'."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_CONTENT_SECURITY_POLICY_PREFIX)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts
