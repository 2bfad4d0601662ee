"""Public navigation, robots.txt, the API's docs and 404s, and the admin's avatars."""

import re

import pytest
from django.test import override_settings
from django.urls import reverse

from cms.models import ForumIndexPage, HomePage, NewsIndexPage
from tests.accounts.factories import UserFactory
from tests.organisations.factories import activate_totp
from tests.web.markup import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum_index():
    return HomePage.objects.get().add_child(instance=ForumIndexPage(title="Le forum", slug="forum"))


def nav_links(html: str, label: str) -> list[str]:
    """Return the link targets of the one <nav> landmark named `label`."""
    [nav] = re.findall(rf'<nav aria-label="{re.escape(label)}">(.*?)</nav>', html, re.DOTALL)
    return [link.attrs["href"] for link in parse(nav).find_all("a")]


@pytest.mark.parametrize("url", ["/", "/recherche/"])
def test_footer_links_public_sections(client, forum_index, url):
    response = client.get(url)

    assert response.status_code == 200
    links = nav_links(response.content.decode(), "Liens du site")
    assert links == [
        reverse("observatory:public"),
        NewsIndexPage.objects.get().url,
        forum_index.url,
        reverse("cms:feed_all_rss"),
        reverse("cms:feed_all_atom"),
        reverse("api:openapi-view"),
    ]


def test_footer_links_all_open(client, forum_index):
    links = nav_links(client.get("/").content.decode(), "Liens du site")

    for link in links:
        assert client.get(link).status_code == 200, link


def test_main_menu_links_observatory_and_news(client):
    links = nav_links(client.get("/").content.decode(), "Menu principal")

    assert reverse("observatory:public") in links
    assert NewsIndexPage.objects.get().url in links


def test_footer_skips_unpublished_forum(client, forum_index):
    forum_index.unpublish()

    links = nav_links(client.get("/").content.decode(), "Liens du site")

    assert forum_index.url not in links
    assert reverse("observatory:public") in links


def test_head_announces_feeds(client):
    markup = parse(client.get("/").content.decode())

    feeds = {
        link.attrs["type"]: link.attrs["href"] for link in markup.find_all("link", rel="alternate")
    }
    assert feeds == {
        "application/rss+xml": reverse("cms:feed_all_rss"),
        "application/atom+xml": reverse("cms:feed_all_atom"),
    }


def test_robots_txt(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for prefix in (
        "/admin/",
        "/django-admin/",
        "/mon-profil/",
        "/candidatures/",
        "/accompagnement/",
        "/comptes/",
    ):
        assert f"Disallow: {prefix}" in lines
    assert "Disallow: /" not in lines
    assert "Allow: /" in lines
    assert lines[-1] == "Sitemap: http://testserver/sitemap.xml"


def test_robots_txt_sitemap_follows_host(client):
    response = client.get("/robots.txt", HTTP_HOST="127.0.0.1")

    assert "Sitemap: http://127.0.0.1/sitemap.xml" in response.content.decode().splitlines()


# The API


def test_api_docs_load_only_local_assets(client):
    response = client.get(reverse("api:openapi-view"))

    assert response.status_code == 200
    html = response.content.decode()
    markup = parse(html)
    targets = [tag.attrs["src"] for tag in markup.find_all("script") if "src" in tag.attrs]
    targets += [tag.attrs["href"] for tag in markup.find_all("link") if "href" in tag.attrs]
    assert "/static/ninja/swagger-ui-bundle.js" in targets
    assert "/static/ninja/swagger-ui.css" in targets
    for target in targets:
        assert target.startswith("/"), target
        assert not target.startswith("//"), target
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html), "external host in docs"
    assert '"validatorUrl": null' in html


def test_api_docs_assets_served(client):
    for path in ("/static/ninja/swagger-ui-bundle.js", "/static/ninja/swagger-ui.css"):
        response = client.get(path)
        # Reading the content to its end closes the response, as a server would.
        body = b"".join(response.streaming_content)
        assert response.status_code == 200, path
        assert body, path


@pytest.mark.parametrize(
    "path", ["/api/v1/inconnu", "/api/v1/inconnu/", "/api/v1/statistics/inconnu/plus/loin"]
)
def test_api_unknown_path_json_404(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not Found"}


def test_api_known_path_still_answers(client):
    response = client.get("/api/v1/opportunities")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")


# The Wagtail admin


def admin_home(client) -> str:
    client.force_login(activate_totp(UserFactory(is_superuser=True, is_staff=True)))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def test_admin_references_no_gravatar(client):
    assert "gravatar" not in admin_home(client)


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_admin_gravatar_check_detects_provider(client):
    # Shows that the check above sees an avatar URL when one is configured.
    assert "gravatar" in admin_home(client)
