"""Read offers, seekers and their interactions from the database into the engine's records."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Prefetch, QuerySet

from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today
from referential.models import Skill
from seekers.choices import ApplicationStatus, LanguageLevel
from seekers.models import Application, CompletedTraining, SeekerProfile

from .data import HIRED, SHORTLISTED, OfferData, SeekerData, education_rank

# Grade of each application status; other statuses, withdrawn included, grade APPLIED because the
# seeker still wanted the offer.
STATUS_GRADES = {
    ApplicationStatus.HIRED: HIRED,
    ApplicationStatus.SHORTLISTED: SHORTLISTED,
    ApplicationStatus.INTERVIEW: SHORTLISTED,
}


def open_offers(today: datetime.date | None = None) -> QuerySet[OfferPage]:
    """Return the offers that take applications, as `seekers.services.is_open` decides."""
    today = today or bamako_today()
    return OfferPage.objects.live().public().filter(expired=False, closing_date__gte=today)


def offer_text(offer: OfferPage, skills: Iterable[Skill]) -> str:
    parts = [offer.title, offer.description]
    if offer.occupation_id is not None:
        parts.append(offer.occupation.name)
    if offer.sector_id is not None:
        parts.append(offer.sector.name)
    parts.extend(skill.name for skill in skills)
    return "\n".join(part for part in parts if part)


def offer_records(offers: QuerySet[OfferPage]) -> list[OfferData]:
    """Return the engine's records of `offers`, in primary key order."""
    offers = (
        offers.select_related("occupation", "sector", "commune")
        .prefetch_related("skills")
        .order_by("pk")
    )
    return [offer_record(offer) for offer in offers]


def offer_record(offer: OfferPage) -> OfferData:
    skills = list(offer.skills.all())
    commune = None if offer.is_remote_or_multi_site else offer.commune
    published = offer.first_published_at or offer.latest_revision_created_at
    return OfferData(
        id=offer.pk,
        text=offer_text(offer, skills),
        skill_ids=frozenset(skill.pk for skill in skills),
        occupation_id=offer.occupation_id,
        sector_id=offer.sector_id,
        latitude=_coordinate(commune, "latitude"),
        longitude=_coordinate(commune, "longitude"),
        education_rank=max(education_rank(offer.education_level), 0),
        experience_years=offer.experience_years or 0,
        languages=frozenset(offer.languages or ()),
        contract_type=offer.contract_type,
        closing_day=offer.closing_date.toordinal(),
        published_day=published.date().toordinal() if published else 0,
    )


def _coordinate(commune, name: str) -> float | None:
    if commune is None:
        return None
    value = getattr(commune, name)
    return None if value is None else float(value)


def seeker_queryset() -> QuerySet[SeekerProfile]:
    return SeekerProfile.objects.select_related("commune").prefetch_related(
        "desired_occupations",
        "desired_sectors",
        Prefetch("skills__skill"),
        "languages",
        "experiences",
        Prefetch(
            "trainings",
            queryset=CompletedTraining.objects.select_related("training").prefetch_related(
                Prefetch("training__skills", queryset=Skill.objects.order_by("pk"))
            ),
        ),
    )


def seeker_records(profiles: QuerySet[SeekerProfile]) -> list[SeekerData]:
    """Return the engine's records of `profiles`, in primary key order."""
    profiles = list(seeker_queryset().filter(pk__in=profiles.values("pk")).order_by("pk"))
    contracts = _applied_contract_types([profile.user_id for profile in profiles])
    return [seeker_record(profile, contracts.get(profile.user_id, ())) for profile in profiles]


def seeker_record(profile: SeekerProfile, contract_types: Iterable[str] = ()) -> SeekerData:
    own = {link.skill_id: link.skill for link in profile.skills.all()}
    training_skills: dict[int, str] = {}
    taught: dict[int, Skill] = {}
    trainings = sorted(profile.trainings.all(), key=_training_label)
    for completed in trainings:
        if completed.training is None:
            continue
        for skill in completed.training.skills.all():
            training_skills.setdefault(skill.pk, _training_label(completed))
            taught.setdefault(skill.pk, skill)

    occupations = list(profile.desired_occupations.all())
    experiences = list(profile.experiences.all())
    parts = [skill.name for skill in own.values()]
    parts += [skill.name for pk, skill in taught.items() if pk not in own]
    parts += [_training_label(completed) for completed in trainings]
    parts += [occupation.name for occupation in occupations]
    for experience in experiences:
        parts += [experience.title, experience.description]

    return SeekerData(
        id=profile.pk,
        text="\n".join(part for part in parts if part),
        skill_ids=frozenset(own) | frozenset(taught),
        own_skill_ids=frozenset(own),
        training_skills=training_skills,
        occupation_ids=frozenset(o.pk for o in occupations),
        sector_ids=frozenset(s.pk for s in profile.desired_sectors.all()),
        latitude=_coordinate(profile.commune, "latitude"),
        longitude=_coordinate(profile.commune, "longitude"),
        education_rank=education_rank(profile.education_level),
        experience_years=_experience_years(experiences),
        languages=frozenset(
            language.language
            for language in profile.languages.all()
            if language.spoken != LanguageLevel.NONE or language.written != LanguageLevel.NONE
        ),
        contract_types=frozenset(contract_types),
    )


def _training_label(completed: CompletedTraining) -> str:
    if completed.training is not None:
        return completed.training.title
    return completed.title


def _experience_years(experiences) -> float:
    # NOTE: overlapping positions are added up, which overstates the experience of seekers who
    # held two jobs at once; merging the periods would fix it.
    today = datetime.date.today()
    days = sum(((e.end_date or today) - e.start_date).days for e in experiences)
    return max(days, 0) / 365.25


def _applied_contract_types(user_ids: list[int]) -> dict[int, set[str]]:
    result: dict[int, set[str]] = defaultdict(set)
    rows = Application.objects.filter(seeker_id__in=user_ids).values_list(
        "seeker_id", "offer__contract_type"
    )
    for user_id, contract_type in rows:
        result[user_id].add(contract_type)
    return result


def applied_offer_ids(user_ids: list[int]) -> dict[int, set[int]]:
    """Return, for each user id, the ids of the offers they applied to (any status)."""
    result: dict[int, set[int]] = defaultdict(set)
    for user_id, offer_id in Application.objects.filter(seeker_id__in=user_ids).values_list(
        "seeker_id", "offer_id"
    ):
        result[user_id].add(offer_id)
    return result


def training_skill_ids(training: TrainingPage) -> set[int]:
    return set(training.skills.values_list("pk", flat=True))
