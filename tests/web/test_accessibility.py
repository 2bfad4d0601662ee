import pytest

from .markup import parse

pytestmark = pytest.mark.django_db

# Inputs that need no label: they are not shown, or carry their own text.
UNLABELLED_INPUT_TYPES = {"hidden", "submit", "button", "reset", "image"}


def test_home_one_h1(client):
    markup = parse(client.get("/").content.decode())

    assert len(markup.find_all("h1")) == 1


def test_home_html_lang(client):
    markup = parse(client.get("/").content.decode())

    assert markup.find_all("html")[0].attrs.get("lang") == "fr"


def test_home_skip_link(client):
    markup = parse(client.get("/").content.decode())

    skip_links = markup.find_all("a", href="#contenu")
    assert skip_links
    assert markup.elements.index(skip_links[0]) < markup.elements.index(markup.find_all("nav")[0])
    assert markup.find_all("main", id="contenu")


@pytest.mark.parametrize("url", ["/", "/comptes/login/"])
def test_inputs_labelled(client, url):
    markup = parse(client.get(url).content.decode())

    label_targets = {label.attrs.get("for") for label in markup.find_all("label")}
    inputs = [
        element
        for element in markup.elements
        if element.tag in {"input", "select", "textarea"}
        and element.attrs.get("type", "text") not in UNLABELLED_INPUT_TYPES
    ]
    unlabelled = [
        element.attrs.get("name")
        for element in inputs
        if element.attrs.get("id") not in label_targets and not element.attrs.get("aria-label")
    ]

    assert unlabelled == []
    if url == "/comptes/login/":
        assert inputs, "the login page shows no input"
