"""Contents of the personal dashboard at /espace/: the user's roles and the links open to them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_LABELS, Permission, Role, can, roles_of

# Links that depend on a permission, in display order. URL names owned by other apps are
# skipped while those apps do not define them yet.
PERMISSION_LINKS: list[tuple[Permission, str, Promise]] = [
    (Permission.APPLY, "matching:recommendations", _("Recommandé pour vous")),
    (Permission.REGISTER_ORGANISATION, "organisations:register", _("Inscrire mon organisation")),
    (Permission.VIEW_ORGANISATION_SPACE, "organisations:mine", _("Mon organisation")),
    (Permission.COUNSEL_SEEKERS, "counselling:seekers", _("Chercheurs accompagnés")),
    (Permission.SEARCH_SEEKERS, "inbox:seekers", _("Trouver des chercheurs d’emploi")),
    (
        Permission.VERIFY_ORGANISATIONS,
        "organisations:verification_queue",
        _("Organisations à vérifier"),
    ),
    (Permission.MODERATE_CONTENT, "wagtailadmin_home", _("Modérer les contenus")),
    (Permission.VIEW_STATISTICS, "statistics:index", _("Statistiques de l’observatoire")),
]

ROLE_ORDER = list(Role)


@dataclass(frozen=True)
class DashboardLink:
    label: str
    url: str


@dataclass(frozen=True)
class Dashboard:
    roles: list[str]
    links: list[DashboardLink]
    account_links: list[DashboardLink]


def _link(url_name: str, label: Promise) -> DashboardLink | None:
    try:
        return DashboardLink(label=str(label), url=reverse(url_name))
    except NoReverseMatch:
        return None


def build_dashboard(user) -> Dashboard:
    """Return the role labels and links shown to `user` on the dashboard."""
    roles = sorted(roles_of(user), key=ROLE_ORDER.index)

    links = []
    for permission, url_name, label in PERMISSION_LINKS:
        if can(user, permission):
            link = _link(url_name, label)
            if link is not None:
                links.append(link)

    account_links = [
        _link("account_email", _("Mes adresses e-mail")),
        _link("account_change_phone", _("Mon numéro de téléphone")),
        _link("account_change_password", _("Changer mon mot de passe")),
        _link("mfa_index", _("Double authentification")),
    ]
    return Dashboard(
        roles=[str(ROLE_LABELS[role]) for role in roles],
        links=links,
        account_links=[link for link in account_links if link is not None],
    )
