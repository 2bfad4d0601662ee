"""
A documented generator of seekers, offers and interactions for the offline evaluation.

No public interaction data exists for Mali's NGO jobs, so the evaluation runs on a simulation
whose behaviour follows rules fixed here, before any model was evaluated on it:

- Reference data: real ROME occupations with at least 10 linked skills, their real skills, and
  Mali's real communes with coordinates, read from the shipped reference files
  (platform/referential/data), the files `load_reference_data` loads into the database.
- World: `occupations` occupations and 40 "hub" communes drawn with the seed; each hub has a
  weight, so some towns publish more offers and hold more seekers than others.
- Offer: an occupation; 4 to 7 of its skills; a hub; a required education rank 0 to 8; 0 to 5
  required years; French always, Bambara half the time; a random contract type; published on a
  day in [0, days) and open 30 days; a hidden appeal drawn from N(0, 0.5) that the engine never
  sees (salary, employer reputation). The text names the occupation and the skills.
- Seeker: one desired occupation (a second one for 30 %); 6 to 12 skills of that occupation plus
  0 to 3 skills of any occupation; a hub; an education rank 0 to 9; 0 to 8 years; French 80 %,
  Bambara 70 %. The text lists the skill names and the occupation.
- Sessions: each seeker visits on Poisson(6) random days. A visit shows 10 open offers: 5 of one
  of the seeker's occupations when that many are open (what a search finds), the rest drawn
  uniformly from the open offers.
- Decision: utility = 2.5 x share of the offer's skills the seeker has + 1.5 if the occupation
  is desired + 1.0 x exp(-distance / 150 km) + 0.8 if the education rank meets the requirement
  - 0.6 if the seeker lacks the required years + the offer's hidden appeal + Gumbel noise. The
  seeker applies when utility > 3.0; every other shown offer is "seen".
- Outcome: an application is shortlisted with probability 0.6 when the seeker has at least half
  the skills and the education, and a shortlisted one is hired with probability 0.3.
"""

from __future__ import annotations

import csv
import gzip
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .data import APPLIED, HIRED, SEEN, SHORTLISTED, Interaction, OfferData, SeekerData

DATA_DIR = Path(__file__).resolve().parent.parent / "platform" / "referential" / "data"
CONTRACT_TYPES = ("cdi", "cdd", "consultancy", "internship", "volunteering", "daily-labour")
OPEN_DAYS = 30
HUBS = 40
IMPRESSIONS_PER_VISIT = 10
APPLY_THRESHOLD = 3.0
FIRST_DAY = 739_000  # an arbitrary proleptic ordinal (2024-04-20), so days look like dates


@dataclass(frozen=True)
class Taxonomy:
    occupations: dict[str, str]  # code -> name
    occupation_skills: dict[str, list[int]]  # code -> skill codes
    skills: dict[int, str]  # code -> name
    communes: list[tuple[str, float, float]]  # name, latitude, longitude


@dataclass
class World:
    offers: list[OfferData]
    seekers: list[SeekerData]
    interactions: list[Interaction]
    skills: dict[int, str]
    appeal: dict[int, float]


def _rows(name: str):
    path = DATA_DIR / name
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_taxonomy() -> Taxonomy:
    """Read the shipped ROME occupations, skills and Mali's communes."""
    occupations = {row["code"]: row["name"] for row in _rows("occupations.csv.gz")}
    skills = {int(row["code"]): row["name"] for row in _rows("skills.csv.gz")}
    links: dict[str, list[int]] = defaultdict(list)
    for row in _rows("occupation_skills.csv.gz"):
        if int(row["skill"]) in skills:
            links[row["occupation"]].append(int(row["skill"]))
    communes = [
        (row["name"], float(row["latitude"]), float(row["longitude"]))
        for row in _rows("communes.csv")
        if row["latitude"] and row["longitude"]
    ]
    return Taxonomy(occupations, {k: sorted(v) for k, v in links.items()}, skills, communes)


def _haversine(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(np.radians, (*a, *b))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(h)))


def generate(
    taxonomy: Taxonomy,
    offers: int = 3000,
    seekers: int = 4000,
    occupations: int = 80,
    days: int = 120,
    seed: int = 0,
    with_interactions: bool = True,
) -> World:
    """Generate a world by the rules of this module's docstring; equal seeds give equal worlds."""
    rng = np.random.default_rng(seed)
    eligible = sorted(
        code for code, linked in taxonomy.occupation_skills.items() if len(linked) >= 10
    )
    chosen = [
        eligible[i]
        for i in rng.choice(len(eligible), size=min(occupations, len(eligible)), replace=False)
    ]
    occupation_ids = {code: index + 1 for index, code in enumerate(chosen)}
    hubs = [
        taxonomy.communes[i] for i in rng.choice(len(taxonomy.communes), size=HUBS, replace=False)
    ]
    hub_weights = rng.dirichlet(np.ones(HUBS) * 0.7)
    all_skills = sorted({s for code in chosen for s in taxonomy.occupation_skills[code]})

    # Offers
    offer_list: list[OfferData] = []
    appeal: dict[int, float] = {}
    for index in range(offers):
        code = chosen[rng.integers(len(chosen))]
        linked = taxonomy.occupation_skills[code]
        skill_ids = frozenset(
            int(s)
            for s in rng.choice(
                linked, size=min(int(rng.integers(4, 8)), len(linked)), replace=False
            )
        )
        hub = hubs[rng.choice(HUBS, p=hub_weights)]
        languages = {"fr"} | ({"bm"} if rng.random() < 0.5 else set())
        published = int(rng.integers(days))
        name = taxonomy.occupations[code]
        text = "\n".join(
            [
                name,
                f"{name} à {hub[0]}.",
                "Compétences attendues : "
                + ", ".join(taxonomy.skills[s] for s in sorted(skill_ids)),
            ]
        )
        offer = OfferData(
            id=index + 1,
            text=text,
            skill_ids=skill_ids,
            occupation_id=occupation_ids[code],
            sector_id=None,
            latitude=hub[1],
            longitude=hub[2],
            education_rank=int(rng.integers(0, 9)),
            experience_years=int(rng.integers(0, 6)),
            languages=frozenset(languages),
            contract_type=CONTRACT_TYPES[rng.integers(len(CONTRACT_TYPES))],
            closing_day=FIRST_DAY + published + OPEN_DAYS,
            published_day=FIRST_DAY + published,
        )
        offer_list.append(offer)
        appeal[offer.id] = float(rng.normal(0, 0.5))

    # Seekers
    seeker_list: list[SeekerData] = []
    for index in range(seekers):
        wanted = [chosen[rng.integers(len(chosen))]]
        if rng.random() < 0.3:
            wanted.append(chosen[rng.integers(len(chosen))])
        linked = taxonomy.occupation_skills[wanted[0]]
        own = set(
            int(s)
            for s in rng.choice(
                linked, size=min(int(rng.integers(6, 13)), len(linked)), replace=False
            )
        )
        own |= {int(s) for s in rng.choice(all_skills, size=int(rng.integers(0, 4)), replace=False)}
        hub = hubs[rng.choice(HUBS, p=hub_weights)]
        languages = set()
        if rng.random() < 0.8:
            languages.add("fr")
        if rng.random() < 0.7:
            languages.add("bm")
        text = "\n".join(
            [*(taxonomy.occupations[c] for c in wanted), *(taxonomy.skills[s] for s in sorted(own))]
        )
        seeker_list.append(
            SeekerData(
                id=index + 1,
                text=text,
                skill_ids=frozenset(own),
                own_skill_ids=frozenset(own),
                occupation_ids=frozenset(occupation_ids[c] for c in wanted),
                latitude=hub[1],
                longitude=hub[2],
                education_rank=int(rng.integers(0, 10)),
                experience_years=float(rng.integers(0, 9)),
                languages=frozenset(languages),
            )
        )

    interactions = (
        _simulate(rng, offer_list, seeker_list, appeal, days) if with_interactions else []
    )
    skills = {s: taxonomy.skills[s] for s in all_skills}
    return World(offer_list, seeker_list, interactions, skills, appeal)


def _simulate(rng, offers, seekers, appeal, days) -> list[Interaction]:
    by_day: list[list[int]] = [[] for _ in range(days)]
    for index, offer in enumerate(offers):
        start = offer.published_day - FIRST_DAY
        for day in range(start, min(start + OPEN_DAYS, days)):
            by_day[day].append(index)
    interactions: list[Interaction] = []
    for seeker in seekers:
        visits = sorted(set(int(d) for d in rng.integers(0, days, size=rng.poisson(6))))
        done: set[int] = set()
        for day in visits:
            open_rows = [row for row in by_day[day] if offers[row].id not in done]
            if not open_rows:
                continue
            own = [row for row in open_rows if offers[row].occupation_id in seeker.occupation_ids]
            searched = list(rng.permutation(own)[: IMPRESSIONS_PER_VISIT // 2]) if own else []
            rest = [row for row in open_rows if row not in set(searched)]
            extra = IMPRESSIONS_PER_VISIT - len(searched)
            shown = searched + list(rng.permutation(rest)[:extra])
            for row in shown:
                offer = offers[int(row)]
                grade = _decide(rng, seeker, offer, appeal[offer.id])
                interactions.append(Interaction(seeker.id, offer.id, FIRST_DAY + day, grade))
                if grade >= APPLIED:
                    done.add(offer.id)
    return interactions


def _decide(rng, seeker: SeekerData, offer: OfferData, appeal: float) -> int:
    coverage = len(offer.skill_ids & seeker.skill_ids) / max(len(offer.skill_ids), 1)
    distance = _haversine((seeker.latitude, seeker.longitude), (offer.latitude, offer.longitude))
    education = seeker.education_rank >= offer.education_rank
    utility = (
        2.5 * coverage
        + 1.5 * (offer.occupation_id in seeker.occupation_ids)
        + 1.0 * np.exp(-distance / 150.0)
        + 0.8 * education
        - 0.6 * (seeker.experience_years < offer.experience_years)
        + appeal
        + rng.gumbel()
    )
    if utility <= APPLY_THRESHOLD:
        return SEEN
    if coverage >= 0.5 and education and rng.random() < 0.6:
        return HIRED if rng.random() < 0.3 else SHORTLISTED
    return APPLIED
