"""Screens of the matching app: a seeker's recommendations, an offer's suggested candidates and
the exports of the observatory's skills gap report."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from accounts.roles import Permission, can
from cms.models import OfferPage
from observatory.aggregates import Filters, UnknownTable
from observatory.exports import export_response
from observatory.forms import FiltersForm, default_year
from seekers.models import SeekerProfile
from seekers.profiles import profile_of

from . import services, skills_gap

logger = logging.getLogger(__name__)

RECOMMENDED_OFFERS = 10
RECOMMENDED_TRAININGS = 3
SUGGESTED_CANDIDATES = 20
FILE_FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExplainedSkill:
    """A matched skill and, when the seeker has it through a training, that training's name."""

    name: str
    training_label: str


@dataclass(frozen=True)
class ShownExplanation:
    """An explanation as the templates render it."""

    matched: list[ExplainedSkill]
    missing: list[str]
    distance_km: float | None
    reasons: list[str]


def shown(explanation: services.Explanation) -> ShownExplanation:
    """Attach to each matched skill the training that supplied it, if any."""
    sources = {source.skill.pk: source.training_label for source in explanation.from_trainings}
    return ShownExplanation(
        matched=[
            ExplainedSkill(skill.name, sources.get(skill.pk, ""))
            for skill in explanation.matched_skills
        ],
        missing=[skill.name for skill in explanation.missing_skills],
        distance_km=explanation.distance_km,
        reasons=list(explanation.reasons),
    )


# The seeker's side


@login_required
def recommendations(request: HttpRequest) -> HttpResponse:
    """Show a seeker the offers recommended to them and the trainings that would open more."""
    if not can(request.user, Permission.APPLY):
        raise PermissionDenied
    profile = profile_of(request.user)
    offers = services.recommend_offers(profile, limit=RECOMMENDED_OFFERS)
    trainings = services.recommend_trainings(profile, limit=RECOMMENDED_TRAININGS)
    prefetch_related_objects(
        [item.offer for item in offers], "organisation", "region", "cercle", "commune"
    )
    prefetch_related_objects([item.training for item in trainings], "organisation", "region")
    return render(
        request,
        "matching/recommendations.html",
        {
            "has_profile": profile.pk is not None,
            "offers": [(item.offer, shown(item.explanation)) for item in offers],
            "trainings": trainings,
        },
    )


# The organisation's side


@dataclass(frozen=True)
class CandidateSummary:
    """The part of a suggested seeker's profile shown to an NGO: no name, contact details, birth
    date, sex or CV, because consenting to be found does not publish them."""

    rank: int
    region: str
    education: str
    availability: str
    mobility: str
    skills: list[str]
    languages: list[str]
    desired_occupations: list[str]
    experiences: list[str]
    trainings: list[str]
    explanation: ShownExplanation


def summary_of(rank: int, profile: SeekerProfile, explanation: services.Explanation):
    return CandidateSummary(
        rank=rank,
        region=str(profile.region or ""),
        education=profile.get_education_level_display() if profile.education_level else "",
        availability=profile.get_availability_display() if profile.availability else "",
        mobility=profile.get_mobility_display_for_organisations(),
        skills=[
            f"{item.skill.name} ({item.get_level_display()})"
            for item in sorted(profile.skills.all(), key=lambda item: item.skill.name)
        ],
        languages=[
            item.other_name or item.get_language_display() for item in profile.languages.all()
        ],
        desired_occupations=[occupation.name for occupation in profile.desired_occupations.all()],
        experiences=[item.title for item in profile.experiences.all()],
        trainings=[
            item.training.title if item.training is not None else item.title
            for item in profile.trainings.all()
        ],
        # The reasons address the seeker ("vous"), so the organisation gets the skills and the
        # distance only.
        explanation=replace(shown(explanation), reasons=[]),
    )


@login_required
def suggested_candidates(request: HttpRequest, offer_id: int) -> HttpResponse:
    """Show the members of an offer's organisation the seekers who let NGOs find them and fit it.

    Anyone else gets a 404, as for the offer's inbox, so other organisations learn nothing.
    """
    offer = get_object_or_404(OfferPage.objects.select_related("organisation"), pk=offer_id)
    organisation = offer.organisation
    if not can(request.user, Permission.REVIEW_APPLICATIONS, organisation):
        raise Http404
    # Seekers' profiles are shown only to organisations that editors have verified.
    if not (organisation.is_verified or request.user.is_superuser):
        raise Http404

    suggestions = services.suggest_candidates(offer, limit=SUGGESTED_CANDIDATES)
    profiles = [item.profile for item in suggestions]
    prefetch_related_objects(
        profiles,
        "region",
        "skills__skill",
        "languages",
        "desired_occupations",
        "experiences",
        "trainings__training",
    )
    candidates = [
        summary_of(rank, item.profile, item.explanation)
        for rank, item in enumerate(suggestions, start=1)
    ]
    logger.info(
        "Suggested candidates shown: offer=%s organisation=%s user=%s count=%s",
        offer.pk,
        organisation.pk,
        request.user.pk,
        len(candidates),
    )
    return render(
        request, "matching/suggested_candidates.html", {"offer": offer, "candidates": candidates}
    )


# The observatory's exports


def observatory_filters(request: HttpRequest) -> Filters:
    """Return the dashboard's filters from the query string, or the default year if invalid."""
    form = FiltersForm(request.GET)
    if not form.is_valid():
        return Filters(year=default_year())
    return form.filters()


@login_required
def skills_gap_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    """Send one table of the skills gap report to an analyst as CSV or XLSX."""
    if not can(request.user, Permission.VIEW_STATISTICS):
        raise PermissionDenied
    if file_format not in FILE_FORMATS:
        raise Http404
    report = skills_gap.SkillsGap(observatory_filters(request))
    try:
        table = skills_gap.build_table(report, slug)
    except UnknownTable:
        raise Http404 from None
    logger.info(
        "Skills gap exported: table=%s format=%s user=%s", slug, file_format, request.user.pk
    )
    return export_response(table, file_format, [*table.notes, *skills_gap.notes_of(report)])
