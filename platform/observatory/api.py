"""
The statistics API under /api/v1/statistics/.

Anyone may read the suppressed tables of a year. Analysts send `Authorization: Bearer <key>`
with a key from `manage.py create_api_token`, and then get exact figures and every filter.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer

from .aggregates import TABLES, UnknownTable, build_table, public_filters
from .forms import FiltersForm
from .tokens import user_for_key

logger = logging.getLogger(__name__)


class AnalystToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        return user_for_key(token)


class Anonymous:
    """The caller sent no credentials, and reads public figures only."""


ANONYMOUS = Anonymous()


def anonymous(request: HttpRequest):
    """Let requests without an Authorization header through as the public.

    A request with a header that `AnalystToken` rejected gets a 401 instead of public figures.
    """
    if request.headers.get("Authorization"):
        return None
    return ANONYMOUS


router = Router(tags=["statistics"], auth=[AnalystToken(), anonymous])


class ColumnOut(Schema):
    key: str
    label: str


class RowOut(Schema):
    key: str
    label: str
    values: list[int | float | None]


class TableOut(Schema):
    slug: str
    title: str
    dimension: str
    columns: list[ColumnOut]
    rows: list[RowOut]
    notes: list[str]
    exact: bool


class TableSummary(Schema):
    slug: str
    url: str


class FilterQuery(Schema):
    annee: int | None = None
    region: str = ""
    secteur: str = ""
    sexe: str = ""
    tranche_age: str = ""
    nationalite: str = ""
    type_projet: str = ""
    type_organisation: str = ""


@router.get("/tables", response=list[TableSummary], summary="List the statistics tables")
def list_tables(request: HttpRequest):
    return [{"slug": slug, "url": f"{request.path.rstrip('/')}/{slug}"} for slug in TABLES]


@router.get(
    "/tables/{slug}",
    response=TableOut,
    summary="Read one statistics table",
    description=(
        "Without a token: figures of the year (`annee`) with small cells suppressed (null). "
        "With an analyst's Bearer token: exact figures, and every filter: region (P-code), "
        "secteur, sexe (F/M), tranche_age, nationalite, type_projet, type_organisation."
    ),
)
def read_table(request: HttpRequest, slug: str, query: Query[FilterQuery]):
    form = FiltersForm(query.dict())
    if not form.is_valid():
        raise HttpError(
            400, _("Filtres invalides : %(errors)s") % {"errors": form.errors.as_text()}
        )
    filters = form.filters()

    exact = request.auth is not ANONYMOUS
    if not exact:
        if not filters.is_year_only():
            raise HttpError(403, _("Seuls les analystes peuvent filtrer au-delà de l’année."))
        filters = public_filters(filters)
    try:
        table = build_table(slug, filters, exact=exact)
    except UnknownTable:
        message = _("Tableau inconnu : %(slug)s. Voir la liste sur %(url)s.") % {
            "slug": slug,
            "url": "/api/v1/statistics/tables",
        }
        raise HttpError(404, message) from None

    logger.info(
        "Statistics read through the API: table=%s exact=%s user=%s",
        slug,
        exact,
        getattr(request.auth, "pk", None),
    )
    return {**table.as_dict(), "exact": exact}
