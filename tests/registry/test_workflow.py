"""The declaration workflow in the services: drafting, submission, review, versions, audit."""

import logging

import pytest

from registry import services
from registry.exceptions import (
    DeclarationExists,
    DeclarationInvalid,
    DeclarationLocked,
    InvalidPeriod,
    InvalidTransition,
    MissingComments,
    NotAllowed,
)
from registry.models import Declaration, DeclarationEvent, StaffLine, TrainingLine
from registry.validation import DeclaredTotals
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory

from .factories import DeclarationFactory, complete, staff_data, training_data

pytestmark = pytest.mark.django_db

TOTALS = DeclaredTotals(
    staff_total=5,
    staff_nationals=3,
    staff_expatriates=2,
    jobs_created_total=2,
    beneficiaries_total=12,
)
LINES = [staff_data(), staff_data(nationality="expatrie", staff_at_year_end=2, jobs_created=1)]


def _submitted(declaration):
    complete(declaration)
    declaration.status = Declaration.Status.SUBMITTED
    declaration.save()
    return declaration


def _validated(declaration, analyst):
    _submitted(declaration)
    return services.validate_declaration(analyst, declaration)


# Creation


def test_create_draft(ngo_admin, organisation):
    declaration = services.create_declaration(ngo_admin, organisation, 2024)

    assert declaration.status == Declaration.Status.DRAFT
    assert (declaration.period, declaration.version, declaration.is_current) == ("2024", 1, True)
    event = DeclarationEvent.objects.get(declaration=declaration)
    assert (event.action, event.actor, event.before) == ("created", ngo_admin, None)


def test_create_quarter_period(ngo_admin, organisation):
    declaration = services.create_declaration(ngo_admin, organisation, 2024, quarter=2)

    assert declaration.period == "2024-T2"


def test_create_twice_rejected(ngo_admin, organisation):
    services.create_declaration(ngo_admin, organisation, 2024)

    with pytest.raises(DeclarationExists):
        services.create_declaration(ngo_admin, organisation, 2024)

    assert Declaration.objects.count() == 1


def test_create_future_year_rejected(ngo_admin, organisation):
    with pytest.raises(InvalidPeriod) as caught:
        services.create_declaration(ngo_admin, organisation, 2999)

    assert caught.value.message == "Indiquez une année entre 2000 et l’année en cours."
    assert not Declaration.objects.exists()


@pytest.mark.parametrize("trait", [{}, {"analyst": True}])
def test_create_denied_without_admin_membership(organisation, trait):
    user = UserFactory(**trait)

    with pytest.raises(NotAllowed):
        services.create_declaration(user, organisation, 2024)

    assert not Declaration.objects.exists()


def test_create_denied_for_plain_member(organisation):
    member = MembershipFactory(organisation=organisation).user

    with pytest.raises(NotAllowed):
        services.create_declaration(member, organisation, 2024)


# Editing


def test_update_replaces_lines(ngo_admin, declaration):
    complete(declaration)

    services.update_declaration(ngo_admin, declaration, TOTALS, LINES, [training_data()])

    declaration.refresh_from_db()
    assert declaration.declared_staff_expatriates == 2
    assert sorted(StaffLine.objects.values_list("staff_at_year_end", flat=True)) == [2, 3]
    assert TrainingLine.objects.count() == 1
    event = DeclarationEvent.objects.get(action="updated")
    assert event.before["totals"]["declared_staff_total"] == 3
    assert event.after["totals"]["declared_staff_total"] == 5
    assert len(event.before["staff_lines"]) == 1
    assert len(event.after["staff_lines"]) == 2


def test_update_rejects_bad_lines(ngo_admin, declaration):
    complete(declaration)

    with pytest.raises(DeclarationInvalid) as caught:
        services.update_declaration(
            ngo_admin, declaration, TOTALS, [staff_data(region="ML42", jobs_created=-1)], []
        )

    assert caught.value.errors == [
        "Personnel, ligne 1 : la région « ML42 » n’existe pas.",
        "Personnel, ligne 1 : « Emplois créés dans l’année » ne peut pas être négatif (-1).",
    ]
    assert StaffLine.objects.get().region == "ML05"
    assert not DeclarationEvent.objects.filter(action="updated").exists()


def test_update_accepts_unbalanced_draft(ngo_admin, declaration):
    services.update_declaration(ngo_admin, declaration, TOTALS, [staff_data()], [])

    assert StaffLine.objects.count() == 1


@pytest.mark.parametrize("status", ["submitted", "validated"])
def test_update_locked_declaration_rejected(ngo_admin, declaration, status):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status=status)

    with pytest.raises(DeclarationLocked):
        services.update_declaration(ngo_admin, declaration, TOTALS, LINES, [])

    assert StaffLine.objects.get().staff_at_year_end == 3
    declaration.refresh_from_db()
    assert declaration.declared_staff_total == 3


def test_update_returned_goes_back_to_draft(ngo_admin, declaration):
    Declaration.objects.filter(pk=declaration.pk).update(status="returned")

    services.update_declaration(ngo_admin, declaration, TOTALS, LINES, [])

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.DRAFT


# Submission and review


def test_submit_valid_declaration(ngo_admin, declaration, caplog):
    complete(declaration)
    caplog.set_level(logging.INFO, logger="registry.services")

    services.submit_declaration(ngo_admin, declaration)

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED
    assert declaration.submitted_at is not None
    event = DeclarationEvent.objects.get(action="submitted")
    assert (event.before, event.after) == ({"status": "draft"}, {"status": "submitted"})
    assert caplog.messages == [
        f"Declaration submitted: declaration={declaration.pk} user={ngo_admin.pk}"
    ]


def test_submit_blocked_by_errors(ngo_admin, declaration):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(declared_jobs_created_total=4)

    with pytest.raises(DeclarationInvalid) as caught:
        services.submit_declaration(ngo_admin, declaration)

    assert caught.value.errors == [
        "Personnel : les lignes font 1 pour « Emplois créés dans l’année », "
        "mais le total déclaré est 4."
    ]
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.DRAFT
    assert declaration.submitted_at is None


def test_validate_locks_declaration(analyst, declaration):
    _submitted(declaration)

    services.validate_declaration(analyst, declaration)

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.VALIDATED
    assert declaration.validated_by == analyst
    assert declaration.validated_at is not None
    assert not declaration.is_editable


def test_validate_denied_for_ngo_admin(ngo_admin, declaration):
    _submitted(declaration)

    with pytest.raises(NotAllowed):
        services.validate_declaration(ngo_admin, declaration)

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_validate_draft_rejected(analyst, declaration):
    with pytest.raises(InvalidTransition):
        services.validate_declaration(analyst, declaration)


def test_return_with_comments(analyst, ngo_admin, declaration):
    _submitted(declaration)

    services.return_declaration(analyst, declaration, "  Les effectifs de Gao manquent.  ")

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.RETURNED
    assert declaration.review_comments == "Les effectifs de Gao manquent."
    assert declaration.is_editable
    services.submit_declaration(ngo_admin, declaration)
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_return_requires_comments(analyst, declaration):
    _submitted(declaration)

    with pytest.raises(MissingComments):
        services.return_declaration(analyst, declaration, "   ")

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


# Versions


def test_new_version_copies_lines(analyst, ngo_admin, declaration):
    _validated(declaration, analyst)

    new = services.start_new_version(ngo_admin, declaration)

    declaration.refresh_from_db()
    assert (new.version, new.status, new.is_current) == (2, "draft", True)
    assert declaration.is_current is False
    assert declaration.status == Declaration.Status.VALIDATED
    assert new.staff_lines.count() == 1
    assert new.training_lines.get().beneficiaries == 12
    assert new.declared_staff_total == 3
    assert declaration.staff_lines.count() == 1


def test_validated_version_stays_published(analyst, ngo_admin, declaration):
    _validated(declaration, analyst)
    new = services.start_new_version(ngo_admin, declaration)

    assert services.published_declaration(declaration.organisation, "2024") == declaration
    services.submit_declaration(ngo_admin, new)
    assert services.published_declaration(declaration.organisation, "2024") == declaration
    services.validate_declaration(analyst, new)
    assert services.published_declaration(declaration.organisation, "2024") == new


def test_new_version_of_draft_rejected(ngo_admin, declaration):
    with pytest.raises(InvalidTransition):
        services.start_new_version(ngo_admin, declaration)

    assert Declaration.objects.count() == 1


def test_new_version_only_from_current(analyst, ngo_admin, declaration):
    _validated(declaration, analyst)
    services.start_new_version(ngo_admin, declaration)

    with pytest.raises(InvalidTransition):
        services.start_new_version(ngo_admin, declaration)

    assert Declaration.objects.count() == 2


def test_audit_trail_in_order(analyst, ngo_admin, organisation):
    declaration = services.create_declaration(ngo_admin, organisation, 2024)
    services.update_declaration(ngo_admin, declaration, TOTALS, LINES, [training_data()])
    services.submit_declaration(ngo_admin, declaration)
    services.return_declaration(analyst, declaration, "Précisez les régions.")
    services.submit_declaration(ngo_admin, declaration)
    services.validate_declaration(analyst, declaration)

    events = DeclarationEvent.objects.filter(declaration=declaration).order_by("pk")
    assert [(event.action, event.actor) for event in events] == [
        ("created", ngo_admin),
        ("updated", ngo_admin),
        ("submitted", ngo_admin),
        ("returned", analyst),
        ("submitted", ngo_admin),
        ("validated", analyst),
    ]
    assert events[3].after == {"status": "returned", "review_comments": "Précisez les régions."}


def test_other_organisation_admin_denied(declaration):
    other_admin = MembershipFactory(admin=True).user

    with pytest.raises(NotAllowed):
        services.update_declaration(other_admin, declaration, TOTALS, LINES, [])

    assert not StaffLine.objects.exists()


def test_declarations_of_lists_own_only(ngo_admin, declaration):
    DeclarationFactory()

    assert list(services.declarations_of(ngo_admin)) == [declaration]
