"""Offer page metadata (JSON-LD, Open Graph), feeds, sitemap and the report form."""

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError

from cms.models import (
    ForumEditionPage,
    ForumIndexPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    OfferReport,
)
from cms.services import near_duplicate_offers
from tests.accounts.factories import UserFactory
from tests.cms.factories import make_offer, make_training, organisation_page
from tests.organisations.factories import MembershipFactory, activate_totp
from tests.web.markup import parse

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
JOB_POSTING_KEYS = {
    "title",
    "description",
    "datePosted",
    "validThrough",
    "hiringOrganization",
    "jobLocation",
    "employmentType",
}


JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld_of(html: str) -> list[dict]:
    return [json.loads(document) for document in JSON_LD.findall(html)]


def test_offer_page_json_ld(client, org_page):
    offer = make_offer(org_page, salary_min=150_000, salary_max=200_000)

    response = client.get(offer.url)

    assert response.status_code == 200
    [posting] = json_ld_of(response.content.decode())
    assert posting["@type"] == "JobPosting"
    assert JOB_POSTING_KEYS <= posting.keys()
    assert posting["title"] == offer.title
    assert posting["validThrough"].startswith(offer.closing_date.isoformat() + "T23:59:59")
    assert posting["hiringOrganization"]["name"] == org_page.organisation.name
    assert posting["jobLocation"]["address"]["addressCountry"] == "ML"
    assert posting["jobLocation"]["address"]["addressLocality"] == offer.commune.name
    assert posting["employmentType"] == "TEMPORARY"
    assert posting["baseSalary"]["currency"] == "XOF"


def test_json_ld_escapes_script_end(client, org_page):
    offer = make_offer(org_page, description="Profil </script><script>alert(1)</script>")

    html = client.get(offer.url).content.decode()

    assert "</script><script>alert(1)" not in html
    [posting] = json_ld_of(html)
    assert "alert(1)" in posting["description"]


def test_offer_page_open_graph_and_deadline(client, org_page):
    offer = make_offer(org_page)

    html = client.get(offer.url).content.decode()

    markup = parse(html)
    properties = {
        meta.attrs.get("property"): meta.attrs.get("content") for meta in markup.find_all("meta")
    }
    assert properties["og:title"].startswith(offer.title)
    assert properties["og:url"].endswith(offer.url)
    assert "Date limite" in html
    assert "Offres similaires" in html
    assert "wa.me" in html


def test_similar_offers_share_occupation(client, org_page):
    offer = make_offer(org_page, slug="premiere")
    similar = make_offer(org_page, slug="seconde", occupation=offer.occupation)
    make_offer(org_page, slug="autre")

    assert list(offer.similar_offers()) == [similar]


def test_offer_page_is_light(client, org_page):
    offer = make_offer(org_page)

    response = client.get(offer.url)

    assert len(response.content) < 30_000


def parse_rss(content: bytes) -> ET.Element:
    root = ET.fromstring(content)
    assert root.tag == "rss"
    return root


def test_rss_feed_lists_offers_and_trainings(client, org_page):
    offer = make_offer(org_page)
    training = make_training(org_page)
    make_offer(org_page, live=False, slug="brouillon")

    response = client.get("/flux/offres.rss")

    assert response.status_code == 200
    channel = parse_rss(response.content).find("channel")
    assert channel.find("title").text == "Job Cluster : nouvelles offres et formations"
    items = channel.findall("item")
    assert {item.find("title").text for item in items} == {offer.title, training.title}
    for item in items:
        assert item.find("link").text.startswith("http://testserver/")
        assert item.find("pubDate") is not None
        assert item.find("guid") is not None


def test_atom_feed_parses(client, org_page):
    offer = make_offer(org_page)

    response = client.get("/flux/offres.atom")

    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    [entry] = root.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == offer.title
    assert entry.find(f"{ATOM}link").attrib["href"].endswith(offer.url)
    assert entry.find(f"{ATOM}updated") is not None


def test_region_feed_filters(client, org_page):
    in_region = make_offer(org_page, slug="ici")
    make_offer(org_page, slug="ailleurs")
    code = in_region.region.code

    response = client.get(f"/flux/region/{code}.rss")

    items = parse_rss(response.content).find("channel").findall("item")
    assert [item.find("title").text for item in items] == [in_region.title]
    assert client.get("/flux/region/ML99.rss").status_code == 404


def test_organisation_feed_filters(client, org_page):
    own = make_offer(org_page)
    other_page = organisation_page()
    make_offer(other_page, title="Autre offre")

    response = client.get(f"/flux/organisation/{org_page.organisation_id}.atom")

    entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == [own.title]


def test_sitemap_lists_live_offers(client, org_page):
    offer = make_offer(org_page)
    draft = make_offer(org_page, live=False, slug="brouillon")

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [
        element.text for element in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    ]
    assert any(location.endswith(offer.url) for location in locations)
    assert not any(location.endswith(draft.url or "/brouillon/") for location in locations)


def test_organisation_page_lists_live_offers(client, org_page):
    offer = make_offer(org_page)
    make_offer(org_page, live=False, slug="brouillon", title="Brouillon secret")

    html = client.get(org_page.url).content.decode()

    assert offer.title in html
    assert "Brouillon secret" not in html


def test_report_offer(client, org_page):
    offer = make_offer(org_page)

    form = client.get(f"/signaler/{offer.pk}/")
    response = client.post(
        f"/signaler/{offer.pk}/", {"reason": "scam", "message": "On me demande 10 000 FCFA."}
    )

    assert form.status_code == 200
    assert response.status_code == 302
    report = OfferReport.objects.get()
    assert report.page_id == offer.pk
    assert report.reason == "scam"


def test_report_rejects_unknown_reason(client, org_page):
    offer = make_offer(org_page)

    response = client.post(f"/signaler/{offer.pk}/", {"reason": "nimporte"})

    assert response.status_code == 200
    assert not OfferReport.objects.exists()


def test_report_draft_not_found(client, org_page):
    draft = make_offer(org_page, live=False)

    assert client.get(f"/signaler/{draft.pk}/").status_code == 404


def test_first_news_item_published(client):
    index = NewsIndexPage.objects.get()
    [news] = NewsPage.objects.child_of(index).live()

    index_response = client.get(index.url)
    news_response = client.get(news.url)

    assert index_response.status_code == 200
    assert news.title in index_response.content.decode()
    assert news_response.status_code == 200
    assert news.date == datetime.date(2025, 6, 19)
    assert "Centre international de conférences de Bamako" in news_response.content.decode()


def test_forum_edition_page_renders(client):
    home = HomePage.objects.get()
    forum = home.add_child(instance=ForumIndexPage(title="Le forum", slug="forum"))
    edition = forum.add_child(
        instance=ForumEditionPage(
            title="1re édition",
            slug="1re-edition",
            number=1,
            start_date=datetime.date(2025, 6, 19),
            end_date=datetime.date(2025, 6, 20),
            venue="Centre international de conférences de Bamako",
            programme=[
                (
                    "item",
                    {
                        "day": datetime.date(2025, 6, 19),
                        "start_time": None,
                        "title": "Ouverture",
                        "description": "",
                    },
                )
            ],
            speakers=[
                ("speaker", {"name": "Awa Traoré", "role": "Coordinatrice", "organisation": ""})
            ],
        )
    )

    forum_html = client.get(forum.url).content.decode()
    edition_html = client.get(edition.url).content.decode()

    assert edition.title in forum_html
    assert "Ouverture" in edition_html
    assert "<strong>19 juin</strong> : Ouverture" in edition_html
    assert "Awa Traoré" in edition_html


def test_forum_edition_end_before_start():
    edition = ForumEditionPage(
        title="Édition",
        slug="edition",
        number=2,
        start_date=datetime.date(2026, 6, 19),
        end_date=datetime.date(2026, 6, 18),
        venue="Bamako",
    )

    with pytest.raises(ValidationError) as excinfo:
        edition.full_clean()

    assert "end_date" in excinfo.value.message_dict


def test_near_duplicate_offer_detected(org_page):
    live = make_offer(org_page, slug="original")
    copy = make_offer(org_page, live=False, slug="copie", title=live.title + " ")
    different = make_offer(
        org_page, live=False, slug="autre", title="Comptable", description="Tenir la comptabilité."
    )

    assert near_duplicate_offers(copy) == [live]
    assert near_duplicate_offers(different) == []


def test_editor_sees_reports(client, org_page):
    offer = make_offer(org_page)
    OfferReport.objects.create(page=offer, reason="scam")
    editor = activate_totp(UserFactory(editor=True))
    member = MembershipFactory(organisation=org_page.organisation).user

    client.force_login(editor)
    editor_response = client.get("/admin/offer_reports/")
    client.force_login(member)
    member_response = client.get("/admin/offer_reports/")

    assert editor_response.status_code == 200
    assert member_response.status_code in (302, 403)


def test_offer_page_links_to_apply(client, org_page):
    offer = make_offer(org_page, application_method="platform")

    response = client.get(offer.url)

    assert f'href="/mon-profil/offres/{offer.pk}/postuler/"' in response.content.decode()
