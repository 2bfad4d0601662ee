"""Plain values of declaration lines, as forms and imported files produce them."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class StaffLineData:
    category: str
    contract_type: str
    sex: str
    nationality: str
    age_band: str
    region: str
    project_type: str
    funding_source: str
    staff_at_year_end: int = 0
    jobs_created: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class TrainingLineData:
    theme: str
    sex: str
    age_band: str
    region: str
    beneficiaries: int = 0
    theme_label: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


STAFF_FIELDS = [
    "category",
    "contract_type",
    "sex",
    "nationality",
    "age_band",
    "region",
    "project_type",
    "funding_source",
    "staff_at_year_end",
    "jobs_created",
]
TRAINING_FIELDS = ["theme", "theme_label", "sex", "age_band", "region", "beneficiaries"]


def staff_data_of(line) -> StaffLineData:
    """Return the values of a `StaffLine` row."""
    return StaffLineData(**{name: getattr(line, name) for name in STAFF_FIELDS})


def training_data_of(line) -> TrainingLineData:
    """Return the values of a `TrainingLine` row."""
    return TrainingLineData(**{name: getattr(line, name) for name in TRAINING_FIELDS})
