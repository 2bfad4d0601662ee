import pytest
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template.loader import render_to_string
from django.test import RequestFactory

from cms.models import HomePage
from jobcluster import views

from .markup import parse

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def broken_context_processor(request):
    raise RuntimeError("context processor failure")


def test_home_french_by_default(client):
    response = client.get("/")

    assert response.status_code == 200
    markup = parse(response.content.decode())
    assert markup.find_all("html")[0].attrs["lang"] == "fr"
    headings = markup.find_all("h1")
    assert [heading.text for heading in headings] == [
        "Les emplois et les formations créés par les ONG au Mali"
    ]


def test_home_is_seeded_page(client):
    response = client.get("/")

    assert isinstance(response.context["page"].specific, HomePage)
    html = response.content.decode()
    assert "Jeunes chercheurs d’emploi" in html
    assert "Ministère et ONEF" in html


def test_home_figures_french_format(client):
    html = client.get("/").content.decode()

    assert "65+" in html
    assert f"3{NBSP}998" in html
    assert f"dont 95{NBSP}% de nationaux" in html
    assert f"66{NBSP}601" in html
    assert f"3{NBSP}242" in html


def test_set_language_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/").content.decode()
    # TODO: also assert the English home heading once platform/locale/en contains the translations.
    assert '<html lang="en"' in html


def test_language_switch_offers_other_language(client):
    markup = parse(client.get("/").content.decode())

    forms = markup.find_all("form", action="/i18n/setlang/", method="post")
    assert len(forms) == 1
    buttons = markup.find_all("button", name="language")
    assert [(button.attrs["value"], button.text) for button in buttons] == [("en", "English")]


def test_nav_anonymous(client):
    markup = parse(client.get("/").content.decode())

    links = [(link.attrs["href"], link.text) for link in markup.find_all("a")]
    assert ("/comptes/login/", "Connexion") in links
    assert ("/comptes/signup/", "Inscription") in links
    assert ("/espace/", "Mon espace") in links
    assert not markup.find_all("form", action="/comptes/logout/")


def test_nav_logged_in_logout_form(client, django_user_model):
    user = django_user_model.objects.create_user(email="awa@example.org", password="x-Secret-42")
    client.force_login(user)

    markup = parse(client.get("/").content.decode())

    assert markup.find_all("form", action="/comptes/logout/", method="post")
    assert not [link for link in markup.find_all("a") if link.attrs["href"] == "/comptes/login/"]


def test_messages_roles():
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    messages.success(request, "Profil enregistré.")
    messages.error(request, "Le fichier est invalide.")

    markup = parse(render_to_string("base.html", request=request))

    roles = [(p.attrs["role"], p.text) for p in markup.find_all("p") if "role" in p.attrs]
    assert roles == [("status", "Profil enregistré."), ("alert", "Le fichier est invalide.")]


def test_404_french(client):
    response = client.get("/nexiste-pas/")

    assert response.status_code == 404
    markup = parse(response.content.decode())
    assert markup.find_all("html")[0].attrs["lang"] == "fr"
    assert [heading.text for heading in markup.find_all("h1")] == ["Page introuvable"]


def test_403_french():
    request = RequestFactory().get("/prive/")
    request.user = AnonymousUser()

    response = views.permission_denied(request)

    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()


def test_500_standalone():
    request = RequestFactory().get("/")

    response = views.server_error(request)

    assert response.status_code == 500
    markup = parse(response.content.decode())
    assert markup.find_all("html")[0].attrs["lang"] == "fr"
    assert [heading.text for heading in markup.find_all("h1")] == ["Erreur du serveur"]
    assert not markup.find_all("link", rel="stylesheet")
    assert not markup.find_all("script")


def test_500_ignores_context_processors(settings):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    "tests.web.test_pages.broken_context_processor",
                ],
            },
        }
    ]

    response = views.server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Erreur du serveur" in response.content.decode()


def test_english_browser_still_gets_french(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    assert '<html lang="fr"' in response.content.decode()
    assert response.headers["Content-Language"] == "fr"


def test_language_cookie_chooses_english(client):
    client.cookies["django_language"] = "en"

    response = client.get("/comptes/login/")

    assert '<html lang="en"' in response.content.decode()
    assert response.headers["Content-Language"] == "en"


def test_unknown_language_cookie_falls_back_to_french(client):
    client.cookies["django_language"] = "xx"

    response = client.get("/")

    assert response.headers["Content-Language"] == "fr"


def test_rate_limit_page_in_french(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {"signup": "1/m/ip"}
    client.post("/comptes/signup/", {"email": "pas-une-adresse"})

    response = client.post("/comptes/signup/", {"email": "pas-une-adresse"})

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
