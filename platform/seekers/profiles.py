"""Seekers' profiles: saving, completeness, consent, and the data rights (export, deletion)."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.time import bamako_today

from .choices import Visibility
from .models import Application, Consent, SeekerProfile

if TYPE_CHECKING:
    from django.forms import BaseInlineFormSet, ModelForm

    from accounts.models import User

logger = logging.getLogger(__name__)

MINIMUM_AGE = 15
# Older dates of birth are taken for typing mistakes, such as 1800 for 1980.
MAXIMUM_AGE = 100


def age_band(age: int) -> str:
    """Return the registry's age band (15-24, 25-35, 36+) of an age in years."""
    if age <= 24:
        return "15-24"
    if age <= 35:
        return "25-35"
    return "36+"


def check_date_of_birth(born: datetime.date, today: datetime.date | None = None) -> str | None:
    """Return a French error if `born` is in the future or gives an age outside 15 to 100 years."""
    today = today or bamako_today()
    if born >= today:
        return str(_("La date de naissance doit être dans le passé."))
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < MINIMUM_AGE:
        return str(_("Il faut avoir au moins 15 ans pour s’inscrire comme chercheur d’emploi."))
    if age > MAXIMUM_AGE:
        return str(
            _("Cette date de naissance donne plus de 100 ans : vérifiez l’année, par exemple 1980.")
        )
    return None


def profile_of(user: User) -> SeekerProfile:
    """Return the profile of `user`, unsaved and empty if they have none yet."""
    try:
        return user.seeker_profile
    except SeekerProfile.DoesNotExist:
        return SeekerProfile(user=user)


def save_profile(
    user: User,
    form: ModelForm,
    formsets: list[BaseInlineFormSet],
    *,
    actor: User | None = None,
) -> SeekerProfile:
    """Save a validated profile form and its formsets; record a new visibility choice as consent.

    `actor` is the counsellor editing the profile of `user`; the profile then names them as its
    last editor. Counsellors record consent with `counselling.record_consent` instead, because
    the form does not say how the seeker gave it.
    """
    with transaction.atomic():
        profile = form.save(commit=False)
        profile.updated_by = actor or user
        previous = (
            SeekerProfile.objects.filter(pk=profile.pk).values_list("visibility", flat=True).first()
        )
        consent_changed = previous != profile.visibility
        if consent_changed:
            profile.visibility_changed_at = timezone.now()
        profile.save()
        form.save_m2m()
        for formset in formsets:
            formset.instance = profile
            formset.save()
        if consent_changed:
            Consent.objects.create(user=user, visibility=profile.visibility, recorded_by=user)

    logger.info(
        "Seeker profile saved: profile=%s user=%s actor=%s consent_changed=%s",
        profile.pk,
        user.pk,
        (actor or user).pk,
        consent_changed,
    )
    return profile


def withdraw_consent(user: User) -> SeekerProfile:
    """Make the profile visible only to the NGOs the seeker applies to, and record that choice."""
    with transaction.atomic():
        profile = profile_of(user)
        profile.visibility = Visibility.APPLIED_ONLY
        profile.visibility_changed_at = timezone.now()
        profile.updated_by = user
        profile.save()
        Consent.objects.create(user=user, visibility=profile.visibility, recorded_by=user)
    logger.info("Seeker consent withdrawn: profile=%s user=%s", profile.pk, user.pk)
    return profile


# Completeness


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


def completeness(profile: SeekerProfile) -> Completeness:
    """Return how much of the profile is filled, and the French names of what is missing."""
    saved = profile.pk is not None
    checks = [
        (profile.region_id is not None, _("votre région")),
        (profile.date_of_birth is not None, _("votre date de naissance")),
        (bool(profile.education_level), _("votre niveau d’études")),
        (saved and profile.skills.exists(), _("au moins une compétence")),
        (saved and profile.languages.exists(), _("les langues que vous parlez")),
        (saved and profile.experiences.exists(), _("vos expériences")),
        (saved and profile.desired_occupations.exists(), _("les métiers recherchés")),
        (bool(profile.mobility), _("votre mobilité")),
        (bool(profile.availability), _("votre disponibilité")),
        (bool(profile.cv), _("votre CV")),
    ]
    missing = [str(label) for done, label in checks if not done]
    percent = round(100 * (len(checks) - len(missing)) / len(checks))
    return Completeness(percent=percent, missing=missing)


# Data rights


def _date(value: datetime.date | datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _person(user: User | None) -> str | None:
    """Return how the export names another person: their full name, or "#id" without one."""
    if user is None:
        return None
    return user.get_full_name() or f"#{user.pk}"


def export_data(user: User) -> dict[str, Any]:
    """Return every personal datum the platform holds about `user`, ready for JSON."""
    data: dict[str, Any] = {
        "account": {
            "email": user.email,
            "phone": user.phone,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": _date(user.date_joined),
            "last_login": _date(user.last_login),
            "reached_through_counsellor": user.reached_through_counsellor,
        },
        "profile": None,
        "consents": [
            {
                "visibility": consent.visibility,
                "method": consent.method,
                "recorded_by": _person(consent.recorded_by),
                "recorded_at": _date(consent.recorded_at),
                "given_on": _date(consent.given_on),
                "note": consent.note,
            }
            for consent in user.seeker_consents.select_related("recorded_by")
        ],
        "applications": [],
    }

    profile = profile_of(user)
    if profile.pk is not None:
        data["profile"] = {
            "region": profile.region.code if profile.region else None,
            "cercle": profile.cercle.code if profile.cercle else None,
            "commune": profile.commune.code if profile.commune else None,
            "date_of_birth": _date(profile.date_of_birth),
            "sex": profile.sex,
            "nationality": profile.nationality,
            "education_level": profile.education_level,
            "desired_occupations": [o.code for o in profile.desired_occupations.all()],
            "desired_sectors": [s.slug for s in profile.desired_sectors.all()],
            "mobility": profile.mobility,
            "availability": profile.availability,
            "cv": profile.cv.name or None,
            "visibility": profile.visibility,
            "visibility_changed_at": _date(profile.visibility_changed_at),
            "counsellor_organisation": (
                profile.counsellor_organisation.name if profile.counsellor_organisation else None
            ),
            "counsellor": _person(profile.counsellor),
            "updated_by": _person(profile.updated_by),
            "created_at": _date(profile.created_at),
            "updated_at": _date(profile.updated_at),
            "skills": [
                {"skill": item.skill.code, "name": item.skill.name, "level": item.level}
                for item in profile.skills.select_related("skill")
            ],
            "languages": [
                {
                    "language": item.language,
                    "other_name": item.other_name,
                    "spoken": item.spoken,
                    "written": item.written,
                }
                for item in profile.languages.all()
            ],
            "experiences": [
                {
                    "title": item.title,
                    "employer": item.employer,
                    "start_date": _date(item.start_date),
                    "end_date": _date(item.end_date),
                    "description": item.description,
                }
                for item in profile.experiences.all()
            ],
            "trainings": [
                {
                    "training": item.training_id,
                    "title": item.title,
                    "organisation_name": item.organisation_name,
                    "year": item.year,
                }
                for item in profile.trainings.all()
            ],
        }

    data["profile_events"] = [
        {
            "action": event.action,
            "by": _person(event.actor),
            "organisation": event.organisation.name if event.organisation else None,
            "at": _date(event.created_at),
        }
        for event in (profile.events.select_related("actor", "organisation") if profile.pk else [])
    ]
    for application in user.applications.select_related("submitted_by"):
        data["applications"].append(
            {
                "offer": application.offer_id,
                "organisation": application.organisation_id,
                "kind": application.kind,
                "status": application.status,
                "message": application.message,
                "cv": application.cv.name or None,
                "rejection_reason": application.rejection_reason,
                "closing_reason": application.closing_reason,
                "hired_at": _date(application.hired_at),
                "created_at": _date(application.created_at),
                "submitted_by": _person(application.submitted_by),
                "history": [
                    {
                        "from": event.from_status,
                        "to": event.to_status,
                        "reason": event.reason,
                        "at": _date(event.created_at),
                        "by": _person(event.actor),
                    }
                    for event in application.events.select_related("actor")
                ],
            }
        )
    return data


def delete_account(user: User) -> None:
    """Delete `user` with their profile and consents; keep their applications, anonymised.

    Placements hold no identity and stay, so the statistics do not change.
    """
    user_id = user.pk
    with transaction.atomic():
        files = []
        profile = profile_of(user)
        if profile.pk is not None and profile.cv:
            files.append(profile.cv)
        applications = list(Application.objects.select_for_update().filter(seeker=user))
        for application in applications:
            if application.cv:
                files.append(application.cv)
            application.seeker = None
            application.message = ""
            application.cv = ""
            application.anonymised_at = timezone.now()
            application.save(update_fields=["seeker", "message", "cv", "anonymised_at"])
        user.delete()

        def _remove_files() -> None:
            for stored in files:
                stored.storage.delete(stored.name)

        transaction.on_commit(_remove_files)

    logger.info(
        "Seeker account deleted: user=%s applications_anonymised=%s", user_id, len(applications)
    )
