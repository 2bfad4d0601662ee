"""Make staff use TOTP: send them to allauth's login and to TOTP activation before anything else."""

from __future__ import annotations

import logging
from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
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


def has_totp(user) -> bool:
    """Tell whether `user` has an activated TOTP authenticator."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMfaRequiredMiddleware:
    """Route admin logins through allauth, and send staff without TOTP to its activation page.

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
        return self.get_response(request)

    def _resolve(self, request: HttpRequest) -> ResolverMatch | None:
        try:
            return resolve(request.path_info)
        except Resolver404:
            return None

    def _is_allowed(self, request: HttpRequest, match: ResolverMatch | None) -> bool:
        static_prefixes = tuple(p for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
        if request.path.startswith(static_prefixes):
            return True
        return match is not None and match.url_name in ALLOWED_URL_NAMES
