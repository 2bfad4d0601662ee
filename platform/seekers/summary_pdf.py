"""
The PDF summary of a seeker's data: the facts of the JSON export, with French labels.

The PDF uses Helvetica, one of the fonts every PDF reader has, so no font file is read or
fetched. Its text is encoded in Windows-1252 (WinAnsiEncoding), which contains French letters and
typography (é, è, ’, œ, « »). Characters outside it are transliterated (`_printable`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from cms.choices import EducationLevel

from .choices import (
    ApplicationKind,
    ApplicationStatus,
    Availability,
    ClosingReason,
    Language,
    LanguageLevel,
    Mobility,
    RejectionReason,
    Sex,
    SkillLevel,
    Visibility,
)
from .models import Consent, ProfileEvent

PDF_ENCODING = "windows-1252"
# Letters of Bambara, Fulfulde and Songhai outside Windows-1252, written as the official Latin
# spellings of Mali wrote them before these letters existed.
_TRANSLITERATION = str.maketrans(
    {"ɛ": "è", "Ɛ": "È", "ɔ": "o", "Ɔ": "O", "ɲ": "ny", "Ɲ": "Ny", "ŋ": "ng", "Ŋ": "Ng"}
)


def _labels() -> dict[str, str]:
    """Return the French label of each key of the export."""
    return {
        "account": _("Compte"),
        "email": _("Adresse e-mail"),
        "phone": _("Téléphone"),
        "first_name": _("Prénom"),
        "last_name": _("Nom"),
        "date_joined": _("Inscription"),
        "last_login": _("Dernière connexion"),
        "reached_through_counsellor": _("Joignable par son conseiller"),
        "profile": _("Profil"),
        "region": _("Région"),
        "cercle": _("Cercle"),
        "commune": _("Commune"),
        "date_of_birth": _("Date de naissance"),
        "sex": _("Sexe"),
        "nationality": _("Nationalité"),
        "education_level": _("Niveau d’études"),
        "desired_occupations": _("Métiers recherchés"),
        "desired_sectors": _("Secteurs recherchés"),
        "mobility": _("Mobilité"),
        "availability": _("Disponibilité"),
        "cv": _("CV"),
        "visibility": _("Visibilité"),
        "visibility_changed_at": _("Visibilité choisie le"),
        "counsellor_organisation": _("Accompagné par"),
        "counsellor": _("Conseiller"),
        "updated_by": _("Modifié par"),
        "created_at": _("Créé le"),
        "updated_at": _("Modifié le"),
        "skills": _("Compétences"),
        "skill": _("Code"),
        "name": _("Intitulé"),
        "level": _("Niveau"),
        "languages": _("Langues"),
        "language": _("Langue"),
        "other_name": _("Autre langue"),
        "spoken": _("À l’oral"),
        "written": _("À l’écrit"),
        "experiences": _("Expériences"),
        "title": _("Intitulé"),
        "employer": _("Employeur"),
        "start_date": _("Début"),
        "end_date": _("Fin"),
        "description": _("Tâches"),
        "trainings": _("Formations suivies"),
        "training": _("Formation de la plateforme"),
        "organisation_name": _("Organisme"),
        "year": _("Année"),
        "consents": _("Consentements"),
        "method": _("Recueilli"),
        "recorded_by": _("Enregistré par"),
        "recorded_at": _("Enregistré le"),
        "given_on": _("Donné le"),
        "note": _("Précision"),
        "profile_events": _("Actions sur le profil"),
        "action": _("Action"),
        "by": _("Fait par"),
        "organisation": _("Organisation"),
        "at": _("Le"),
        "applications": _("Candidatures"),
        "offer": _("Offre"),
        "kind": _("Type"),
        "status": _("Statut"),
        "message": _("Message"),
        "rejection_reason": _("Motif du refus"),
        "closing_reason": _("Motif de clôture"),
        "hired_at": _("Embauché le"),
        "submitted_by": _("Envoyée par"),
        "history": _("Historique"),
        "from": _("Statut précédent"),
        "to": _("Nouveau statut"),
        "reason": _("Motif"),
    }


# Keys whose values are codes of a fixed list, shown by their French label.
_CHOICES = {
    "sex": Sex,
    "education_level": EducationLevel,
    "mobility": Mobility,
    "availability": Availability,
    "visibility": Visibility,
    "level": SkillLevel,
    "language": Language,
    "spoken": LanguageLevel,
    "written": LanguageLevel,
    "method": Consent.Method,
    "action": ProfileEvent.Action,
    "kind": ApplicationKind,
    "status": ApplicationStatus,
    "from": ApplicationStatus,
    "to": ApplicationStatus,
    "rejection_reason": RejectionReason,
    "closing_reason": ClosingReason,
}


def _printable(text: str) -> str:
    """Return `text` with the characters that Windows-1252 lacks transliterated or replaced."""
    text = text.translate(_TRANSLITERATION)
    if _encodable(text):
        return text
    characters = []
    for character in text:
        if not _encodable(character):
            if unicodedata.combining(character):
                # A tone or accent mark the base letter cannot carry in this encoding.
                continue
            base = unicodedata.normalize("NFKD", character)[:1]
            character = base if base and _encodable(base) else "?"
        characters.append(character)
    return "".join(characters)


def _encodable(text: str) -> bool:
    try:
        text.encode(PDF_ENCODING)
    except UnicodeEncodeError:
        return False
    return True


def _value(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    choices = _CHOICES.get(key)
    if choices is not None and value in choices.values:
        return f"{choices(value).label} ({value})"
    if key == "reason":
        labels = dict(RejectionReason.choices) | dict(ClosingReason.choices)
        if value in labels:
            return f"{labels[value]} ({value})"
    return str(value)


class _Summary(FPDF):
    def __init__(self) -> None:
        super().__init__(format="A4")
        self.core_fonts_encoding = PDF_ENCODING
        self.labels = _labels()
        self.set_auto_page_break(auto=True, margin=15)
        self.add_page()

    def heading(self, text: str, size: int) -> None:
        self.set_font("Helvetica", style="B", size=size)
        self.multi_cell(0, size * 0.6, _printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(1)

    def line(self, key: str, value: Any, indent: float) -> None:
        self.set_x(self.l_margin + indent)
        self.set_font("Helvetica", size=10)
        label = self.labels.get(key, key)
        text = f"{label} : {_value(key, value)}"
        self.multi_cell(0, 5, _printable(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def block(self, data: dict[str, Any], indent: float = 0) -> None:
        """Write each fact of `data`; nested lists of records become numbered sub-blocks."""
        for key, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                self.set_x(self.l_margin + indent)
                self.heading(self.labels.get(key, key), 10)
                self.records(value, indent + 4)
            else:
                self.line(key, value, indent)

    def records(self, items: list[dict[str, Any]], indent: float) -> None:
        for number, item in enumerate(items, start=1):
            self.set_x(self.l_margin + indent)
            self.set_font("Helvetica", style="I", size=10)
            self.cell(0, 5, f"{number}.", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.block(item, indent + 4)


def render_summary(data: dict[str, Any]) -> bytes:
    """Return the PDF summary of `data`, as `profiles.export_data` builds it."""
    pdf = _Summary()
    pdf.set_title(_printable(_("Mes données sur Job Cluster")))
    pdf.set_creator("Job Cluster")
    pdf.heading(_("Mes données sur Job Cluster"), 16)
    pdf.set_font("Helvetica", size=9)
    generated = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    pdf.multi_cell(
        0,
        5,
        _printable(
            _(
                "Résumé de toutes les données personnelles que la plateforme conserve sur vous, "
                "établi le %(date)s. Le fichier JSON contient les mêmes données."
            )
            % {"date": generated}
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.ln(3)

    for section in ("account", "profile", "consents", "profile_events", "applications"):
        pdf.heading(pdf.labels[section], 13)
        value = data.get(section)
        if isinstance(value, dict):
            pdf.block(value)
        elif isinstance(value, list) and value:
            pdf.records(value, 0)
        else:
            pdf.line(section, None, 0)
        pdf.ln(3)
    return bytes(pdf.output())
