"""
The one place that decides what each role may do.

Views, the API and templates ask `can(user, permission, organisation)`; nothing else compares
roles. A permission listed in `ORGANISATION_PERMISSIONS` is granted through a membership, so it
holds only for the organisation the user belongs to, and those in `VERIFIED_ONLY_PERMISSIONS`
only once that organisation is verified.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from organisations.models import Organisation

    from .models import User


class Role(StrEnum):
    SEEKER = "seeker"
    NGO_MEMBER = "ngo_member"
    NGO_ADMIN = "ngo_admin"
    COUNSELLOR = "counsellor"
    EDITOR = "editor"
    ANALYST = "analyst"
    SUPERUSER = "superuser"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.SEEKER: _("Chercheur d’emploi"),
    Role.NGO_MEMBER: _("Membre d’ONG"),
    Role.NGO_ADMIN: _("Administrateur d’ONG"),
    Role.COUNSELLOR: _("Conseiller d’insertion"),
    Role.EDITOR: _("Éditeur"),
    Role.ANALYST: _("Analyste de l’observatoire"),
    Role.SUPERUSER: _("Super-utilisateur"),
}

# Roles whose accounts must use TOTP multi-factor authentication before doing anything else.
STAFF_ROLES = frozenset({Role.EDITOR, Role.ANALYST, Role.SUPERUSER})


class Permission(StrEnum):
    # Any signed-in user
    VIEW_DASHBOARD = "view_dashboard"
    REGISTER_ORGANISATION = "register_organisation"
    # Job seekers
    APPLY = "apply"
    SAVE_SEARCH = "save_search"
    # Organisation members, for their own organisation
    VIEW_ORGANISATION_SPACE = "view_organisation_space"
    PREPARE_CONTENT = "prepare_content"
    PUBLISH_CONTENT = "publish_content"
    REVIEW_APPLICATIONS = "review_applications"
    SEARCH_SEEKERS = "search_seekers"
    # Counsellors of a youth centre or an NGO, for the seekers their organisation registered
    COUNSEL_SEEKERS = "counsel_seekers"
    # Organisation administrators, for their own organisation
    MANAGE_MEMBERS = "manage_members"
    FILE_DECLARATION = "file_declaration"
    # Editors
    VERIFY_ORGANISATIONS = "verify_organisations"
    MODERATE_CONTENT = "moderate_content"
    PUBLISH_NEWS = "publish_news"
    # Observatory analysts
    VIEW_STATISTICS = "view_statistics"
    VALIDATE_DECLARATIONS = "validate_declarations"


P = Permission
_MEMBER_PERMISSIONS = {
    P.VIEW_ORGANISATION_SPACE,
    P.PREPARE_CONTENT,
    P.PUBLISH_CONTENT,
    P.REVIEW_APPLICATIONS,
    P.SEARCH_SEEKERS,
}

ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.SEEKER: frozenset({P.VIEW_DASHBOARD, P.REGISTER_ORGANISATION, P.APPLY, P.SAVE_SEARCH}),
    Role.NGO_MEMBER: frozenset({P.VIEW_DASHBOARD, *_MEMBER_PERMISSIONS}),
    Role.NGO_ADMIN: frozenset(
        {P.VIEW_DASHBOARD, *_MEMBER_PERMISSIONS, P.MANAGE_MEMBERS, P.FILE_DECLARATION}
    ),
    Role.COUNSELLOR: frozenset({P.VIEW_DASHBOARD, P.VIEW_ORGANISATION_SPACE, P.COUNSEL_SEEKERS}),
    Role.EDITOR: frozenset(
        {P.VIEW_DASHBOARD, P.VERIFY_ORGANISATIONS, P.MODERATE_CONTENT, P.PUBLISH_NEWS}
    ),
    Role.ANALYST: frozenset({P.VIEW_DASHBOARD, P.VIEW_STATISTICS, P.VALIDATE_DECLARATIONS}),
    Role.SUPERUSER: frozenset(Permission),
}

ORGANISATION_PERMISSIONS = _MEMBER_PERMISSIONS | {
    P.MANAGE_MEMBERS,
    P.FILE_DECLARATION,
    P.COUNSEL_SEEKERS,
}

# Organisation permissions that hold only in a verified organisation. Seekers' data is shown to,
# and acted on by, organisations that editors have checked, never pending ones.
VERIFIED_ONLY_PERMISSIONS = frozenset({P.PUBLISH_CONTENT, P.SEARCH_SEEKERS, P.COUNSEL_SEEKERS})

# Django permissions that a role carries, granted by accounts.backends.RolePermissionBackend so
# that Wagtail and Django admin follow the same table. Superusers have every permission already.
# NGO members reach a trimmed Wagtail admin, where page permissions limit them to their own
# organisation's pages (see cms.permissions).
ROLE_DJANGO_PERMISSIONS: dict[Role, frozenset[str]] = {
    Role.NGO_MEMBER: frozenset({"wagtailadmin.access_admin"}),
    Role.NGO_ADMIN: frozenset({"wagtailadmin.access_admin"}),
    Role.EDITOR: frozenset(
        {"wagtailadmin.access_admin", "cms.view_offerreport", "cms.change_offerreport"}
    ),
}


# Membership roles of `organisations.Membership.Role`, by value, and the role each one gives.
_MEMBERSHIP_ROLES = {
    "admin": Role.NGO_ADMIN,
    "member": Role.NGO_MEMBER,
    "counsellor": Role.COUNSELLOR,
}


def roles_of(user: User, organisation: Organisation | None = None) -> frozenset[Role]:
    """Return the roles `user` holds, counting only memberships of `organisation` when given."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()

    roles: set[Role] = set()
    if user.is_superuser:
        roles.add(Role.SUPERUSER)
    if user.platform_role == user.PlatformRole.EDITOR:
        roles.add(Role.EDITOR)
    if user.platform_role == user.PlatformRole.ANALYST:
        roles.add(Role.ANALYST)

    memberships = user.memberships.all()
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    for membership in memberships:
        roles.add(_MEMBERSHIP_ROLES.get(membership.role, Role.NGO_MEMBER))

    if not roles:
        roles.add(Role.SEEKER)
    return frozenset(roles)


def can(user: User, permission: Permission, organisation: Organisation | None = None) -> bool:
    """Tell whether `user` may use `permission`, in `organisation` for organisation permissions.

    An organisation permission asked without an organisation is granted if the user has it in
    at least one organisation (a verified one for `SEARCH_SEEKERS` and `COUNSEL_SEEKERS`); views
    that act on one organisation must pass it.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True

    scoped = permission in ORGANISATION_PERMISSIONS
    roles = roles_of(user, organisation if scoped else None)
    if not any(permission in ROLE_PERMISSIONS[role] for role in roles):
        return False
    if permission in VERIFIED_ONLY_PERMISSIONS:
        if organisation is not None:
            return organisation.is_verified
        if permission != P.PUBLISH_CONTENT:
            return bool(organisations_with(user, permission))
    return True


def organisations_with(user: User, permission: Permission) -> list[Organisation]:
    """Return the organisations in which `user` holds organisation permission `permission`."""
    from organisations.models import Organisation

    if not user.is_authenticated or not user.is_active:
        return []
    candidates = Organisation.objects.all()
    if not user.is_superuser:
        candidates = candidates.filter(memberships__user=user)
    if permission in VERIFIED_ONLY_PERMISSIONS:
        candidates = candidates.filter(status=Organisation.Status.VERIFIED)
    return [
        organisation
        for organisation in candidates.order_by("name", "pk").distinct()
        if user.is_superuser
        or any(permission in ROLE_PERMISSIONS[role] for role in roles_of(user, organisation))
    ]


def django_permissions_of(user: User) -> frozenset[str]:
    """Return the Django permissions (`app_label.codename`) that `user`'s roles carry."""
    return frozenset().union(
        *(ROLE_DJANGO_PERMISSIONS.get(role, frozenset()) for role in roles_of(user))
    )


def requires_mfa(user: User) -> bool:
    """Tell whether `user` has a staff role, which must be protected by TOTP."""
    return bool(roles_of(user) & STAFF_ROLES)
