"""Make staff use TOTP: send them to allauth's login and to TOTP activation before anything else."""

from __future__ import annotations

import logging
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, ResolverMatch, resolve, reverse

from .roles import requires_mfa

logger = logging.getLogger(__name__)

# Views a staff user without TOTP may still reach: leaving, setting up TOTP (allauth may ask
# to re-enter the password first, then shows the recovery codes), switching language, health.
ALLOWED_URL_NAMES = frozenset(
    {
        "account_logout",
        "account_reauthenticate",
        "mfa_reauthenticate",
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_download_recovery_codes",
        "set_language",
        "healthz",
    }
)

# The Wagtail and Django admin login views, mapped to the admin home page to return to.
# Their own login forms skip allauth's login stages, among them the TOTP code prompt.
ADMIN_LOGIN_VIEWS = {"wagtailadmin_login": "wagtailadmin_home", "admin:login": "admin:index"}

# Wagtail admin views that a signed-in user without admin access may still reach.
WAGTAIL_ADMIN_OPEN_VIEWS = frozenset({"wagtailadmin_logout"})


def has_totp(user) -> bool:
    """Tell whether `user` has an activated TOTP authenticator."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaRequiredMiddleware:
    """Route admin logins through allauth, send staff without TOTP to its activation page, and
    refuse the Wagtail admin at once to signed-in users without access to it.

    Staff are editors, analysts and superusers, as `accounts.roles.requires_mfa` decides.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = self._resolve(request)

        if match is not None and match.view_name in ADMIN_LOGIN_VIEWS:
            # A signed-in user lands here only when the admin refused them: sending them to
            # the login page again would loop back to the admin.
            if request.user.is_authenticated:
                logger.info("admin access denied user=%s view=%s", request.user.pk, match.view_name)
                raise PermissionDenied
            next_url = request.GET.get("next") or reverse(ADMIN_LOGIN_VIEWS[match.view_name])
            return redirect_to_login(next_url, login_url=reverse("account_login"))

        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not self._is_allowed(request, match)
            and requires_mfa(user)
            and not has_totp(user)
        ):
            logger.info("staff redirected to totp activation user=%s", user.pk)
            return redirect("mfa_activate_totp")

        if self._is_refused_from_wagtail_admin(request, match):
            # Wagtail would redirect to its login page, which refuses signed-in users: respond
            # at once, with a page that points to the user's own space.
            logger.info(
                "wagtail admin access denied user=%s path=%s", request.user.pk, request.path
            )
            return render(request, "accounts/admin_denied.html", status=403)

        return self.get_response(request)

    def _resolve(self, request: HttpRequest) -> ResolverMatch | None:
        try:
            return resolve(request.path_info)
        except Resolver404:
            return None

    def _is_refused_from_wagtail_admin(
        self, request: HttpRequest, match: ResolverMatch | None
    ) -> bool:
        """Tell whether a signed-in user without Wagtail admin access requests an admin view."""
        user = getattr(request, "user", None)
        if match is None or user is None or not user.is_authenticated:
            return False
        if match.view_name in WAGTAIL_ADMIN_OPEN_VIEWS:
            return False
        if not request.path_info.startswith(reverse("wagtailadmin_home")):
            return False
        return not user.has_perm("wagtailadmin.access_admin")

    def _is_allowed(self, request: HttpRequest, match: ResolverMatch | None) -> bool:
        static_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
        if request.path.startswith(static_prefixes):
            return True
        return match is not None and match.url_name in ALLOWED_URL_NAMES
