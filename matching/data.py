"""
Plain records that the matching engine scores, independent of the ORM.

`matching.extract` builds them from the database; the offline evaluation and the benchmark build
them in memory, so that the same engine code runs on 50,000 offers without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Order of the education levels, lowest first: the keys of cms.choices.EducationLevel.
EDUCATION_ORDER = (
    "none",
    "primary",
    "def",
    "cap",
    "bt",
    "bac",
    "bac+2",
    "licence",
    "master",
    "doctorate",
)
EDUCATION_RANK = {level: rank for rank, level in enumerate(EDUCATION_ORDER)}
UNKNOWN_EDUCATION = -1

# Interaction grades: how strongly an interaction shows that the offer suited the seeker.
SEEN = 0
APPLIED = 1
SHORTLISTED = 2
HIRED = 3


def education_rank(level: str) -> int:
    """Return the rank of an education level key, or UNKNOWN_EDUCATION for a blank or odd one."""
    return EDUCATION_RANK.get(level, UNKNOWN_EDUCATION)


@dataclass(frozen=True)
class OfferData:
    """One live offer as the engine sees it; days are proleptic ordinals (`date.toordinal()`)."""

    id: int
    text: str
    skill_ids: frozenset[int]
    occupation_id: int | None = None
    sector_id: int | None = None
    latitude: float | None = None  # None when the place is unknown, remote or multi-site
    longitude: float | None = None
    education_rank: int = 0
    experience_years: int = 0
    languages: frozenset[str] = frozenset()
    contract_type: str = ""
    closing_day: int = 0
    published_day: int = 0


@dataclass(frozen=True)
class SeekerData:
    """One seeker as the engine sees it; `skill_ids` includes the skills taught by trainings."""

    id: int
    text: str
    skill_ids: frozenset[int]
    own_skill_ids: frozenset[int] = frozenset()
    # Skill id -> label of the first completed training (by label) that teaches it.
    training_skills: dict[int, str] = field(default_factory=dict)
    occupation_ids: frozenset[int] = frozenset()
    sector_ids: frozenset[int] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    education_rank: int = UNKNOWN_EDUCATION
    experience_years: float = 0.0
    languages: frozenset[str] = frozenset()
    # Contract types of the offers the seeker applied to, the only contract preference we know.
    contract_types: frozenset[str] = frozenset()

    def __hash__(self) -> int:
        return hash(self.id)


@dataclass(frozen=True)
class Interaction:
    """A seeker's reaction to an offer on a given day, graded SEEN to HIRED."""

    seeker_id: int
    offer_id: int
    day: int
    grade: int
