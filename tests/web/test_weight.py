from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from .markup import parse

pytestmark = pytest.mark.django_db

# Maximum size of a page's HTML plus every stylesheet and script it links, uncompressed, so that
# pages stay light on slow and metered mobile connections.
MAX_PAGE_BYTES = 100 * 1024


def linked_asset_paths(html: str) -> list[Path]:
    """Return the files of the stylesheets and scripts an HTML page links from STATIC_URL."""
    markup = parse(html)
    urls = [link.attrs["href"] for link in markup.find_all("link", rel="stylesheet")]
    urls += [script.attrs["src"] for script in markup.find_all("script") if "src" in script.attrs]

    paths = []
    for url in urls:
        assert url.startswith(settings.STATIC_URL), f"asset outside STATIC_URL: {url}"
        found = finders.find(url.removeprefix(settings.STATIC_URL).split("?")[0])
        assert found, f"static file not found: {url}"
        paths.append(Path(found))
    return paths


@pytest.mark.parametrize("url", ["/", "/comptes/login/"])
def test_page_weight(client, url):
    response = client.get(url)
    assert response.status_code == 200

    html = response.content.decode()
    assets = linked_asset_paths(html)
    total = len(response.content) + sum(path.stat().st_size for path in assets)

    assert assets, "the page links no stylesheet"
    assert total < MAX_PAGE_BYTES, f"{url} weighs {total} bytes with {[p.name for p in assets]}"


def test_stylesheet_small():
    stylesheet = Path(finders.find("jobcluster/site.css"))

    assert stylesheet.stat().st_size < 15 * 1024
