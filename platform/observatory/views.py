from __future__ import annotations

import logging

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from accounts.roles import Permission, can
from matching.skills_gap import dashboard_section

from . import demo
from .aggregates import Filters, UnknownTable, build_table, build_tables, public_filters
from .exports import export_response
from .forms import FiltersForm, default_year, query_of
from .tables import bars_of

logger = logging.getLogger(__name__)

FILE_FORMATS = ("csv", "xlsx")


def _notes(*, public: bool) -> list[str]:
    """Return the notes that go with every table: suppression, and illustrative demo data."""
    notes = []
    if public:
        notes.append(
            _(
                "Les effectifs de moins de 5 personnes sont masqués, ainsi que les chiffres qui "
                "permettraient de les retrouver par soustraction."
            )
        )
    if demo.is_loaded():
        notes.append(
            _(
                "Données d’illustration : les totaux reprennent ceux du forum, mais leur "
                "répartition entre organisations et régions est fictive."
            )
        )
    return notes


def _filters_of(request: HttpRequest) -> tuple[FiltersForm, Filters]:
    form = FiltersForm(request.GET)
    if not form.is_valid():
        return form, Filters(year=default_year())
    return form, form.filters()


def _require_analyst(request: HttpRequest) -> None:
    if not can(request.user, Permission.VIEW_STATISTICS):
        raise PermissionDenied


def _render(request: HttpRequest, template: str, filters: Filters, *, public: bool, **context):
    tables = build_tables(filters, exact=not public)
    return render(
        request,
        template,
        {
            "filters": filters,
            "headline": tables[0],
            "tables": tables[1:],
            "region_bars": bars_of(tables[1]),
            "query": query_of(filters),
            "notes": _notes(public=public),
            **context,
        },
    )


def public_summary(request: HttpRequest) -> HttpResponse:
    """Show the suppressed figures of a year to everyone."""
    _form, filters = _filters_of(request)
    return _render(request, "observatory/public.html", public_filters(filters), public=True)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Show analysts the exact figures, with every filter."""
    _require_analyst(request)
    form, filters = _filters_of(request)
    return _render(
        request,
        "observatory/dashboard.html",
        filters,
        public=False,
        form=form,
        skills_gap=dashboard_section(filters),
    )


def _export(request: HttpRequest, slug: str, file_format: str, filters: Filters, *, public: bool):
    if file_format not in FILE_FORMATS:
        raise Http404
    try:
        table = build_table(slug, filters, exact=not public)
    except UnknownTable:
        raise Http404 from None
    logger.info(
        "Statistics exported: table=%s format=%s public=%s user=%s",
        slug,
        file_format,
        public,
        request.user.pk,
    )
    return export_response(table, file_format, [*table.notes, *_notes(public=public)])


def public_export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    _form, filters = _filters_of(request)
    return _export(request, slug, file_format, public_filters(filters), public=True)


@login_required
def export(request: HttpRequest, slug: str, file_format: str) -> HttpResponse:
    _require_analyst(request)
    _form, filters = _filters_of(request)
    return _export(request, slug, file_format, filters, public=False)
