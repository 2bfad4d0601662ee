"""The PDF summary of a seeker's data: French labels, the JSON's facts, readable accents."""

import re
import zlib

import pytest
from django.urls import reverse

from seekers import services
from seekers.profiles import export_data
from seekers.summary_pdf import render_summary

from .factories import SeekerProfileFactory
from .test_data_rights import full_profile

pytestmark = pytest.mark.django_db

_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)\s*Tj", re.S)
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.S)
_SIMPLE_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


def _unescape(literal: bytes) -> bytes:
    def replace(match):
        escaped = match.group(1)
        if escaped[:1].isdigit():
            return bytes([int(escaped, 8)])
        return _SIMPLE_ESCAPES.get(escaped, escaped)

    return _ESCAPE.sub(replace, literal)


def extract_text(pdf: bytes) -> str:
    """Return the text shown by `pdf`'s content streams, one line per text operator.

    Reads the literal strings of the Tj operators that fpdf2 writes for Helvetica, decoding
    them as WinAnsiEncoding (Windows-1252), as a PDF reader does. fpdf2 2.8 writes the
    non-breaking space before a French colon as a plain space.
    """
    lines = []
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream.group(1))
        except zlib.error:
            continue
        for shown in _STRING.finditer(content):
            literal = shown.group(0).rsplit(b")", 1)[0][1:]
            lines.append(_unescape(literal).decode("cp1252"))
    return "\n".join(lines)


def test_accents_and_typography_survive():
    data = {
        "account": {"first_name": "Hélène", "last_name": "Cœur d’Èze", "email": None},
        "profile": None,
        "consents": [],
        "profile_events": [],
        "applications": [],
    }

    text = extract_text(render_summary(data))

    assert "Prénom : Hélène" in text
    assert "Nom : Cœur d’Èze" in text
    assert "Adresse e-mail : —" in text
    assert "Mes données sur Job Cluster" in text


def test_letters_outside_windows_1252_transliterated():
    data = {"account": {"last_name": "Ɲɛ́nɛ Dɔgɔ 中"}}

    text = extract_text(render_summary(data))

    assert "Nom : Nyènè Dogo ?" in text


def test_pdf_has_the_json_facts(offer):
    profile = full_profile()
    services.apply(profile.user, offer, "Mon message (avec parenthèses)")
    data = export_data(profile.user)

    text = extract_text(render_summary(data))

    account = data["account"]
    assert f"Adresse e-mail : {account['email']}" in text
    assert f"Prénom : {account['first_name']}" in text
    details = data["profile"]
    assert f"Date de naissance : {details['date_of_birth']}" in text
    assert "Sexe : Femme (F)" in text
    assert "Visibilité : Les ONG peuvent me trouver (searchable)" in text
    assert f"Code : {details['skills'][0]['skill']}" in text
    assert "Niveau : Expert (expert)" in text
    assert "Langue : Bambara (bm)" in text
    assert "Intitulé : Maraîcher" in text
    assert "Organisme : CAP Ségou" in text
    assert "Message : Mon message (avec parenthèses)" in text
    assert "Statut : Reçue (received)" in text
    assert f"Offre : {offer.pk}" in text
    for label in ("Compte", "Profil", "Consentements", "Candidatures", "Historique"):
        assert label in text.splitlines()


def test_pdf_download_next_to_json(client):
    user = SeekerProfileFactory(user__first_name="Kadiatou").user
    client.force_login(user)

    response = client.get(reverse("seekers:export_pdf"))
    page = client.get(reverse("seekers:profile")).content.decode()

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == ('attachment; filename="mes-donnees-job-cluster.pdf"')
    assert response.content.startswith(b"%PDF-")
    assert "Prénom : Kadiatou" in extract_text(response.content)
    assert reverse("seekers:export_pdf") in page
    assert b"/FontFile" not in response.content


def test_pdf_download_requires_sign_in(client):
    response = client.get(reverse("seekers:export_pdf"))

    assert response.status_code == 302
