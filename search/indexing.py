"""Write opportunity pages into the search index and the database copy, and repair both.

Every write goes through `index_page` or `remove_page`, which are idempotent: they re-read the
page and make both stores match it. The database copy (SearchEntry) is always written, so the
database backend can serve queries whenever Elasticsearch cannot.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import Index

from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today

from .documents import OpportunityDocument, alias_name
from .models import SearchEntry
from .text import ANALYSIS_VERSION, indexed_text

logger = logging.getLogger(__name__)

OPPORTUNITY_MODELS = (OfferPage, TrainingPage)
TRAINING_KIND = "training"
SUMMARY_CHARACTERS = 300
BULK_CHUNK_SIZE = 500
CLIENT_TIMEOUT_SECONDS = 5


def elasticsearch_enabled() -> bool:
    return settings.SEARCH_BACKEND == "elasticsearch" and bool(settings.ELASTICSEARCH_URL)


def client() -> Elasticsearch:
    """Return a client for ELASTICSEARCH_URL that gives up quickly, so a fallback stays fast."""
    return Elasticsearch(
        settings.ELASTICSEARCH_URL, request_timeout=CLIENT_TIMEOUT_SECONDS, max_retries=0
    )


# Which pages belong in the index


def closing_date_of(page: OfferPage | TrainingPage) -> datetime.date:
    """Return the last day a seeker can act on `page`: the closing date, or the last day a
    training stays online (see `TrainingPage.last_day`)."""
    if isinstance(page, OfferPage):
        return page.closing_date
    return page.last_day()


def live_opportunities() -> Iterator[OfferPage | TrainingPage]:
    """Yield every live, public and unexpired offer and training, with their related rows."""
    today = bamako_today()
    offers = OfferPage.objects.live().public().filter(closing_date__gte=today)
    trainings = (
        TrainingPage.objects.live()
        .public()
        .filter(end_date__gte=today)
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
    )
    related = ("organisation", "region", "cercle", "commune")
    offers = offers.select_related(*related, "sector", "occupation")
    trainings = trainings.select_related(*related)
    for queryset in (offers, trainings):
        yield from queryset.order_by("pk").iterator(chunk_size=BULK_CHUNK_SIZE)


def live_ids() -> dict[int, datetime.datetime]:
    """Return the ids of the pages that belong in the index, with their last publication time."""
    today = bamako_today()
    result: dict[int, datetime.datetime] = {}
    offers = OfferPage.objects.live().public().filter(closing_date__gte=today)
    trainings = (
        TrainingPage.objects.live()
        .public()
        .filter(end_date__gte=today)
        .filter(Q(application_deadline__isnull=True) | Q(application_deadline__gte=today))
    )
    for queryset in (offers, trainings):
        result.update(queryset.values_list("pk", "last_published_at"))
    return result


def specific_page(page_id: int) -> OfferPage | TrainingPage | None:
    for model in OPPORTUNITY_MODELS:
        page = model.objects.filter(pk=page_id).first()
        if page is not None:
            return page
    return None


def is_indexable(page: OfferPage | TrainingPage) -> bool:
    if not page.live or page.expired:
        return False
    if closing_date_of(page) < bamako_today():
        return False
    return not page.get_view_restrictions().exists()


# The document of one page


def document_fields(page: OfferPage | TrainingPage) -> dict[str, Any]:
    """Return the searchable fields of `page`, as both stores keep them."""
    description = strip_tags(page.description)
    if isinstance(page, OfferPage):
        kind = page.kind
        contract = page.contract_type
        education_level = page.education_level
        target_groups = list(page.target_groups or [])
        sector_id = page.sector_id
        keywords = " ".join(
            str(part)
            for part in (page.occupation, page.sector, page.get_contract_type_display())
            if part
        )
    else:
        kind = TRAINING_KIND
        contract = ""
        education_level = ""
        target_groups = []
        sector_id = None
        keywords = " ".join((page.theme_label, page.eligibility, page.venue))
    commune = page.commune
    return {
        "kind": kind,
        "title": page.title,
        "description": description,
        "keywords": keywords,
        "url": page.url or "",
        "summary": Truncator(description).chars(SUMMARY_CHARACTERS),
        "organisation_id": page.organisation_id,
        "organisation_name": page.organisation.name,
        "region_id": page.region_id,
        "cercle_id": page.cercle_id,
        "commune_id": page.commune_id,
        "sector_id": sector_id,
        "contract": contract,
        "education_level": education_level,
        "target_groups": target_groups,
        "latitude": float(commune.latitude) if commune else None,
        "longitude": float(commune.longitude) if commune else None,
        "place": page.place_label,
        "published_at": page.first_published_at or page.last_published_at or timezone.now(),
        "closing_date": closing_date_of(page),
        "updated_at": page.last_published_at or timezone.now(),
    }


def _as_entry(page_id: int, fields: dict[str, Any]) -> dict[str, Any]:
    values = {key: value for key, value in fields.items() if key not in {"description", "keywords"}}
    values["title_text"] = indexed_text(fields["title"])
    values["search_text"] = indexed_text(
        fields["title"], fields["organisation_name"], fields["keywords"], fields["description"]
    )
    values["analysis_version"] = ANALYSIS_VERSION
    return values


def _as_document(page_id: int, fields: dict[str, Any]) -> OpportunityDocument:
    def key(value: object) -> str | None:
        return None if value is None else str(value)

    location = None
    if fields["latitude"] is not None:
        location = {"lat": fields["latitude"], "lon": fields["longitude"]}
    return OpportunityDocument(
        meta={"id": page_id},
        page_id=page_id,
        kind=fields["kind"],
        title=fields["title"],
        description=fields["description"],
        keywords=fields["keywords"],
        organisation_name=fields["organisation_name"],
        autocomplete=[fields["title"], fields["organisation_name"]],
        url=fields["url"],
        summary=fields["summary"],
        place=fields["place"],
        organisation=key(fields["organisation_id"]),
        region=key(fields["region_id"]),
        cercle=key(fields["cercle_id"]),
        sector=key(fields["sector_id"]),
        contract=fields["contract"] or None,
        education_level=fields["education_level"] or None,
        target_groups=fields["target_groups"],
        location=location,
        published_at=fields["published_at"],
        closing_date=fields["closing_date"],
        updated_at=fields["updated_at"],
    )


# Writes


def index_page(page_id: int) -> bool:
    """Make both stores match page `page_id`; return whether the page is now indexed."""
    page = specific_page(page_id)
    if page is None or not is_indexable(page):
        remove_page(page_id)
        return False

    fields = document_fields(page)
    with transaction.atomic():
        SearchEntry.objects.update_or_create(page_id=page_id, defaults=_as_entry(page_id, fields))
    if elasticsearch_enabled():
        es = client()
        try:
            ensure_index(es)
            _as_document(page_id, fields).save(using=es, index=alias_name(), refresh=True)
        finally:
            es.close()
    logger.info("Search document indexed: page=%s", page_id)
    return True


def remove_page(page_id: int) -> None:
    """Remove page `page_id` from both stores; removing an absent page does nothing."""
    SearchEntry.objects.filter(page_id=page_id).delete()
    if elasticsearch_enabled():
        es = client()
        try:
            if es.indices.exists_alias(name=alias_name()):
                es.delete(index=alias_name(), id=str(page_id), refresh=True)
        except NotFoundError:
            pass
        finally:
            es.close()
    logger.info("Search document removed: page=%s", page_id)


# Index management


def create_index(es: Elasticsearch, name: str) -> None:
    index = Index(name)
    index.settings(**OpportunityDocument.Index.settings)
    index.document(OpportunityDocument)
    index.create(using=es)


def new_index_name() -> str:
    return "{}-{}".format(alias_name(), timezone.now().strftime("%Y%m%d%H%M%S%f"))


def ensure_index(es: Elasticsearch) -> None:
    """Create a first index behind the alias when the alias does not exist yet."""
    if es.indices.exists_alias(name=alias_name()):
        return
    name = new_index_name()
    create_index(es, name)
    es.indices.put_alias(index=name, name=alias_name())
    logger.info("Search index created: index=%s", name)


def _bulk_actions(index_name: str, pages: Iterable[OfferPage | TrainingPage]) -> Iterator[dict]:
    for page in pages:
        document = _as_document(page.pk, document_fields(page))
        yield {"_index": index_name, "_id": str(page.pk), "_source": document.to_dict()}


def rebuild(progress: Callable[[int, int], None] | None = None) -> str:
    """Build a new index from the database, swap the alias onto it and drop the old ones.

    Queries keep reading the old index until the alias moves in one atomic request. The database
    copy is rebuilt too. Return the new index name.
    """
    pages = list(live_opportunities())
    total = len(pages)

    # The database copy: rows of pages that left the index go, the others are rewritten.
    live = {page.pk for page in pages}
    SearchEntry.objects.exclude(page_id__in=live).delete()
    for page in pages:
        SearchEntry.objects.update_or_create(
            page_id=page.pk, defaults=_as_entry(page.pk, document_fields(page))
        )
    if not elasticsearch_enabled():
        if progress:
            progress(total, total)
        return ""

    es = client()
    try:
        name = new_index_name()
        create_index(es, name)
        done = 0
        for _ok, _item in helpers.streaming_bulk(
            es, _bulk_actions(name, pages), chunk_size=BULK_CHUNK_SIZE
        ):
            done += 1
            if progress and (done % BULK_CHUNK_SIZE == 0 or done == total):
                progress(done, total)
        if progress and total == 0:
            progress(0, 0)
        es.indices.refresh(index=name)

        # One request moves the alias, so no query sees an empty or missing index.
        alias = alias_name()
        old = list(es.indices.get_alias(name=alias)) if es.indices.exists_alias(name=alias) else []
        actions: list[dict] = [{"remove": {"index": index, "alias": alias}} for index in old]
        actions.append({"add": {"index": name, "alias": alias}})
        es.indices.update_aliases(actions=actions)
        for index in old:
            es.indices.delete(index=index)
    finally:
        es.close()
    logger.info("Search index rebuilt: index=%s documents=%s", name, total)
    return name


def reconcile() -> dict[str, int]:
    """Repair missing, stale and left-over documents in both stores; return the counts.

    A database row written by an older text analysis (search.text.ANALYSIS_VERSION) is stale.
    """
    expected = live_ids()
    entries = dict(SearchEntry.objects.values_list("page_id", "updated_at"))
    outdated = set(
        SearchEntry.objects.exclude(analysis_version=ANALYSIS_VERSION).values_list(
            "page_id", flat=True
        )
    )
    indexed = dict(entries)
    if elasticsearch_enabled():
        indexed = _indexed_versions()

    to_index = outdated & set(expected)
    for page_id, published in expected.items():
        for store in (entries, indexed):
            version = store.get(page_id)
            if version is None or (published is not None and version < published):
                to_index.add(page_id)
    to_remove = (set(entries) | set(indexed)) - set(expected)

    for page_id in sorted(to_index):
        index_page(page_id)
    for page_id in sorted(to_remove):
        remove_page(page_id)
    counts = {"indexed": len(to_index), "removed": len(to_remove)}
    logger.info("Search reconciliation finished: indexed=%s removed=%s", *counts.values())
    return counts


def _indexed_versions() -> dict[int, datetime.datetime]:
    """Return the `updated_at` of every document behind the alias, by page id."""
    es = client()
    try:
        # A missing alias means an empty index; creating one here would make probes write.
        if not es.indices.exists_alias(name=alias_name()):
            return {}
        versions = {}
        for hit in helpers.scan(
            es, index=alias_name(), query={"query": {"match_all": {}}}, _source=["updated_at"]
        ):
            stamp = datetime.datetime.fromisoformat(hit["_source"]["updated_at"])
            versions[int(hit["_id"])] = stamp
        return versions
    finally:
        es.close()


def index_lag() -> int:
    """Return how many pages that belong in the index are missing from the backend in use."""
    expected = set(live_ids())
    if elasticsearch_enabled():
        present = set(_indexed_versions())
    else:
        present = set(SearchEntry.objects.values_list("page_id", flat=True))
    return len(expected - present)
