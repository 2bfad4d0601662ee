"""Contents of the personal dashboard at /espace/: the user's roles and the links open to them."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .roles import ROLE_LABELS, Permission, Role, can, roles_of

# Links that depend on a permission, in display order. Every URL name must exist:
# tests/accounts/test_dashboard.py reverses each one, and a missing name raises NoReverseMatch.
PERMISSION_LINKS: list[tuple[Permission, str, Promise]] = [
    (Permission.APPLY, "seekers:profile", _("Mon profil")),
    (Permission.APPLY, "matching:recommendations", _("Recommandé pour vous")),
    (Permission.APPLY, "seekers:applications", _("Mes candidatures")),
    (Permission.SAVE_SEARCH, "search:saved", _("Recherches enregistrées")),
    (Permission.APPLY, "seekers:export", _("Télécharger mes données")),
    (Permission.REGISTER_ORGANISATION, "organisations:register", _("Inscrire mon organisation")),
    (Permission.VIEW_ORGANISATION_SPACE, "organisations:mine", _("Mon organisation")),
    (Permission.REVIEW_APPLICATIONS, "inbox:offers", _("Candidatures reçues")),
    (Permission.FILE_DECLARATION, "registry:mine", _("Déclarations au registre des emplois")),
    (Permission.COUNSEL_SEEKERS, "counselling:seekers", _("Chercheurs accompagnés")),
    (Permission.SEARCH_SEEKERS, "inbox:seekers", _("Trouver des chercheurs d’emploi")),
    (
        Permission.VERIFY_ORGANISATIONS,
        "organisations:verification_queue",
        _("Organisations à vérifier"),
    ),
    (Permission.MODERATE_CONTENT, "wagtailadmin_home", _("Modérer les contenus")),
    # NGO members write their offers and trainings in the Wagtail admin, limited to their
    # organisation's pages; editors reach the same address through the link above.
    (Permission.PREPARE_CONTENT, "wagtailadmin_home", _("Publier une offre ou une formation")),
    (Permission.VIEW_STATISTICS, "observatory:dashboard", _("Tableau de bord de l’observatoire")),
    (Permission.VALIDATE_DECLARATIONS, "registry:queue", _("Déclarations à valider")),
    (Permission.VALIDATE_DECLARATIONS, "registry:completeness", _("Complétude du registre")),
]

ACCOUNT_LINKS: list[tuple[str, Promise]] = [
    ("account_email", _("Mes adresses e-mail")),
    ("account_change_phone", _("Mon numéro de téléphone")),
    ("account_change_password", _("Changer mon mot de passe")),
    ("mfa_index", _("Double authentification")),
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


def build_dashboard(user) -> Dashboard:
    """Return the role labels and links shown to `user` on the dashboard.

    A link whose address is already listed is left out, so a user with two permissions that
    lead to the same page gets one link, with the first label.
    """
    roles = sorted(roles_of(user), key=ROLE_ORDER.index)

    links: list[DashboardLink] = []
    seen_urls: set[str] = set()
    for permission, url_name, label in PERMISSION_LINKS:
        if not can(user, permission):
            continue
        url = reverse(url_name)
        if url in seen_urls:
            continue
        seen_urls.add(url)
        links.append(DashboardLink(label=str(label), url=url))

    return Dashboard(
        roles=[str(ROLE_LABELS[role]) for role in roles],
        links=links,
        account_links=[
            DashboardLink(label=str(label), url=reverse(url_name))
            for url_name, label in ACCOUNT_LINKS
        ],
    )
