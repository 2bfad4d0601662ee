"""
Who may open which protected page: every role against every protected URL.

The table is the contract. A change in what a role may see changes a cell here first.

- 302: a redirect to a sign-in page (allauth's, or Wagtail's or Django's admin login, which may
  forward to allauth's) that brings the user back to the requested URL.
- 403: signed in but the role does not allow the page.
- 404: a page about an organisation the user does not belong to, whose existence stays hidden.

Staff accounts (editor, analyst, superuser) have a TOTP authenticator, as the MFA middleware
requires before any page.
"""

from urllib.parse import parse_qs, urlsplit

import pytest

from cms.services import ensure_organisation_page
from cms.time import bamako_today
from organisations.models import Membership
from seekers.choices import Visibility
from seekers.counselling import register_seeker
from seekers.models import Consent
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer
from tests.organisations.factories import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    activate_totp,
)
from tests.seekers.factories import SeekerProfileFactory

ROLES = (
    "anonymous",
    "seeker",
    "ngo_member",
    "ngo_admin",
    "counsellor",
    "editor",
    "analyst",
    "superuser",
)

# {own}: the organisation of the NGO member and administrator; {other}: another organisation;
# {member}: the NGO member's membership; {token}: an open invitation to {own}; {offer} and
# {other_offer}: an offer of {own} and one of {other}. The counsellor belongs to a third, verified
# organisation (a youth centre), which registered the seeker {counselled}; {searchable}: a seeker
# who lets NGOs find them. {own} is pending, so its members may not search seekers.
# fmt: off
MATRIX = {
    # columns: anonymous, seeker, NGO member, NGO admin, counsellor, editor, analyst, superuser
    "/espace/":                                        (302, 200, 200, 200, 200, 200, 200, 200),
    "/organisations/":                                 (302, 200, 200, 200, 200, 200, 200, 200),
    "/organisations/inscription/":                     (302, 200, 403, 403, 403, 403, 403, 200),
    "/organisations/{own}/":                           (302, 404, 200, 200, 404, 404, 404, 200),
    "/organisations/{own}/modifier/":                  (302, 404, 403, 200, 404, 404, 404, 200),
    "/organisations/{own}/membres/":                   (302, 404, 200, 200, 404, 404, 404, 200),
    "/organisations/{own}/membres/inviter/":           (302, 404, 403, 200, 404, 404, 404, 200),
    "/organisations/{own}/membres/{member}/retirer/":  (302, 404, 403, 200, 404, 404, 404, 200),
    "/organisations/{other}/":                         (302, 404, 404, 404, 404, 404, 404, 200),
    "/organisations/{other}/modifier/":                (302, 404, 404, 404, 404, 404, 404, 200),
    "/organisations/{other}/membres/":                 (302, 404, 404, 404, 404, 404, 404, 200),
    "/organisations/invitations/{token}/":             (302, 200, 200, 200, 200, 200, 200, 200),
    "/organisations/verification/":                    (302, 403, 403, 403, 403, 200, 403, 200),
    "/organisations/verification/{own}/":              (302, 403, 403, 403, 403, 200, 403, 200),
    "/admin/":                                         (302, 403, 200, 200, 403, 200, 403, 200),
    "/django-admin/":                                  (302, 302, 302, 302, 302, 302, 302, 200),
    "/mon-profil/":                                    (302, 200, 403, 403, 403, 403, 403, 200),
    "/recherche/enregistrees/":                        (302, 200, 403, 403, 403, 403, 403, 200),
    "/mon-profil/candidatures/":                       (302, 200, 200, 200, 200, 200, 200, 200),
    "/mon-profil/offres/{offer}/postuler/":            (302, 200, 403, 403, 403, 403, 403, 200),
    "/mon-profil/donnees.pdf":                         (302, 200, 200, 200, 200, 200, 200, 200),
    "/mon-profil/donnees.json":                        (302, 200, 200, 200, 200, 200, 200, 200),
    "/mon-profil/supprimer/":                          (302, 200, 403, 403, 403, 403, 403, 200),
    "/mon-profil/recommandations/":                    (302, 200, 403, 403, 403, 403, 403, 200),
    "/candidatures/":                                  (302, 403, 200, 200, 403, 403, 403, 200),
    "/candidatures/offres/{offer}/":                   (302, 404, 200, 200, 404, 404, 404, 200),
    "/candidatures/offres/{other_offer}/":             (302, 404, 404, 404, 404, 404, 404, 200),
    "/candidatures/offres/{offer}/candidats-suggeres/": (
        302, 404, 404, 404, 404, 404, 404, 200
    ),
    "/candidatures/offres/{other_offer}/candidats-suggeres/": (
        302, 404, 404, 404, 404, 404, 404, 200
    ),
    "/observatoire/tableau-de-bord/competences/competences.csv": (
        302, 403, 403, 403, 403, 403, 200, 200
    ),
    "/candidatures/chercheurs/":                       (302, 403, 403, 403, 403, 403, 403, 200),
    "/candidatures/chercheurs/{searchable}/":          (302, 403, 403, 403, 403, 403, 403, 200),
    "/accompagnement/":                                (302, 403, 403, 403, 200, 403, 403, 200),
    "/accompagnement/inscrire/":                       (302, 403, 403, 403, 200, 403, 403, 200),
    "/accompagnement/{counselled}/":                   (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/consentement/":      (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/candidatures/":      (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/offres/":            (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/donnees.json":       (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/donnees.pdf":        (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/supprimer/":         (302, 404, 404, 404, 200, 404, 404, 200),
    "/accompagnement/{counselled}/offres/{offer}/postuler/": (
        302, 404, 404, 404, 200, 404, 404, 200
    ),
}
# fmt: on

# Cells the platform does not meet yet. Each is an expected failure, and a strict one: once the
# platform meets the cell, the test fails until the entry is removed here.
KNOWN_GAPS: dict[tuple[str, str], str] = {}

SIGN_IN_PAGES = {"/comptes/login/", "/admin/login/", "/django-admin/login/"}


def cases():
    for path, expected_by_role in MATRIX.items():
        assert len(expected_by_role) == len(ROLES), path
        for role, expected in zip(ROLES, expected_by_role, strict=True):
            marks = []
            if (path, role) in KNOWN_GAPS:
                marks.append(pytest.mark.xfail(reason=KNOWN_GAPS[path, role], strict=True))
            yield pytest.param(path, role, expected, id=f"{role}-{path}", marks=marks)


@pytest.fixture
def world():
    """Create one user per role and the objects the URLs point at."""
    own = OrganisationFactory()
    other = OrganisationFactory(verified=True)
    MembershipFactory(organisation=other, admin=True)
    ngo_admin = MembershipFactory(organisation=own, role=Membership.Role.ADMIN)
    ngo_member = MembershipFactory(organisation=own)
    invitation = InvitationFactory(organisation=own)
    centre = OrganisationFactory(verified=True)
    counsellor = MembershipFactory(organisation=centre, role=Membership.Role.COUNSELLOR).user
    counselled = register_seeker(
        counsellor,
        centre,
        first_name="Fatoumata",
        last_name="Coulibaly",
        visibility=Visibility.APPLIED_ONLY,
        method=Consent.Method.ORAL,
        given_on=bamako_today(),
    )

    users = {
        "anonymous": None,
        "seeker": UserFactory(),
        "ngo_member": ngo_member.user,
        "ngo_admin": ngo_admin.user,
        "counsellor": counsellor,
        "editor": activate_totp(UserFactory(editor=True)),
        "analyst": activate_totp(UserFactory(analyst=True)),
        "superuser": activate_totp(UserFactory(is_superuser=True, is_staff=True)),
    }
    placeholders = {
        "own": own.pk,
        "other": other.pk,
        "member": ngo_member.pk,
        "token": invitation.token,
        "offer": make_offer(ensure_organisation_page(own), live=False).pk,
        "other_offer": make_offer(ensure_organisation_page(other)).pk,
        "counselled": counselled.user_id,
        "searchable": SeekerProfileFactory(visibility=Visibility.SEARCHABLE).user_id,
    }
    return users, placeholders


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "role", "expected"), list(cases()))
def test_permission_matrix(client, world, path, role, expected):
    users, placeholders = world
    if users[role] is not None:
        client.force_login(users[role])
    url = path.format(**placeholders)

    response = client.get(url)

    if expected == 302:
        assert response.status_code == 302
        location = urlsplit(response["Location"])
        assert location.path in SIGN_IN_PAGES, response["Location"]
        assert parse_qs(location.query)["next"] == [url]
    else:
        assert response.status_code == expected
