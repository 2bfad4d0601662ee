"""The skills gap report under /api/v1/statistics/competences/, for analysts' tokens only."""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from observatory.aggregates import UnknownTable
from observatory.api import AnalystToken, FilterQuery, TableOut
from observatory.forms import FiltersForm

from .skills_gap import TABLES, SkillsGap, build_table, notes_of

logger = logging.getLogger(__name__)

router = Router(tags=["statistics"], auth=AnalystToken())


@router.get(
    "/competences/{slug}",
    response=TableOut,
    summary="Read one table of the skills gap report",
    description=(
        "Analysts only (Bearer token). Skills that live and recent offers ask for against those "
        "that trainings teach, with the dashboard's filters. Tables: " + ", ".join(TABLES) + "."
    ),
)
def read_skills_gap(request: HttpRequest, slug: str, query: Query[FilterQuery]):
    form = FiltersForm(query.dict())
    if not form.is_valid():
        raise HttpError(
            400, _("Filtres invalides : %(errors)s") % {"errors": form.errors.as_text()}
        )
    report = SkillsGap(form.filters())
    try:
        table = build_table(report, slug)
    except UnknownTable:
        message = _("Tableau inconnu : %(slug)s. Tableaux possibles : %(slugs)s.") % {
            "slug": slug,
            "slugs": ", ".join(TABLES),
        }
        raise HttpError(404, message) from None

    logger.info("Skills gap read through the API: table=%s user=%s", slug, request.auth.pk)
    data = table.as_dict()
    return {**data, "notes": [*data["notes"], *notes_of(report)], "exact": True}
