"""The skill of a profile's skill row: a name typed by the seeker, resolved to a taxonomy skill.

The taxonomy holds over 33,000 skills, so a select of them all would weigh megabytes. The widget
renders a text input holding the chosen skill's name and a hidden input holding its id.
Without JavaScript the seeker types a name, which the field resolves on save, ignoring accents
and case (`cms.skills.find_skill_by_name`). `seekers/skill-input.js` turns the text input into
an ARIA combobox whose suggestions come from the `seekers:skill_search` endpoint and fill the
hidden id.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.skills import MAX_QUERY_LENGTH, MIN_QUERY_LENGTH, find_skill_by_name, fold
from referential.models import Skill

logger = logging.getLogger(__name__)

ID_SUFFIX = "_id"
# A skill name followed by its ROME code in brackets, "Gestion de la paie (123456)".
_NAME_WITH_CODE = re.compile(r"^(?P<name>.*\S)\s*\((?P<code>[^()\s]+)\)\s*$")


def _skill_value(value: Any) -> dict[str, str]:
    """Return the name and id the widget shows for a skill, a skill id or posted data."""
    if isinstance(value, dict):
        return {"name": value.get("name", ""), "id": value.get("id", "")}
    if isinstance(value, Skill):
        return {"name": value.name, "id": str(value.pk)}
    if value in (None, ""):
        return {"name": "", "id": ""}
    skill = Skill.objects.filter(pk=value).only("name").first()
    # A skill removed from the taxonomy leaves the row empty, to be filled again.
    return {"name": skill.name, "id": str(skill.pk)} if skill else {"name": "", "id": ""}


class SkillNameInput(forms.Widget):
    """A text input for the skill's name and a hidden input for its id; lists no other skill."""

    template_name = "seekers/widgets/skill_input.html"

    def value_from_datadict(self, data, files, name: str) -> dict[str, str]:
        return {"name": data.get(name, ""), "id": data.get(name + ID_SUFFIX, "")}

    def value_omitted_from_data(self, data, files, name: str) -> bool:
        return name not in data

    def format_value(self, value: Any) -> dict[str, str]:
        return _skill_value(value)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labels = {
            "list": _("Compétences proposées"),
            "count": _("Compétences proposées : %s"),
            "no_result": _("Aucune compétence ne correspond."),
            "failed": _("La recherche a échoué : réessayez dans un instant."),
        }
        context["widget"].update(
            {
                "id_name": name + ID_SUFFIX,
                "search_url": reverse("seekers:skill_search"),
                "min_length": MIN_QUERY_LENGTH,
                "max_length": Skill._meta.get_field("name").max_length,
                "labels_json": json.dumps(
                    {key: str(label) for key, label in labels.items()}, ensure_ascii=False
                ),
            }
        )
        return context


def _same_name(first: str, second: str) -> bool:
    return " ".join(fold(first).split()) == " ".join(fold(second).split())


class SkillNameField(forms.Field):
    """A taxonomy skill given by its name, or by the id a suggestion chose when it names it."""

    widget = SkillNameInput

    def prepare_value(self, value: Any) -> dict[str, str]:
        return _skill_value(value)

    def clean(self, value: Any) -> Skill | None:
        value = _skill_value(value)
        name = value["name"].strip()
        if not name:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return None

        # The id counts only while the text still names its skill: without JavaScript the id of
        # the previous skill stays in the page when the seeker types another name.
        if value["id"].isdigit():
            chosen = Skill.objects.filter(pk=int(value["id"])).first()
            if chosen is not None and _same_name(chosen.name, name):
                return chosen

        # Skills that share a name are written with their code, as the error below lists them.
        with_code = _NAME_WITH_CODE.match(name)
        if with_code:
            coded = Skill.objects.filter(code=with_code["code"]).first()
            if coded is not None and _same_name(coded.name, with_code["name"]):
                return coded

        match = find_skill_by_name(name)
        if match.skill is not None:
            return match.skill

        logger.info("Skill name not resolved: candidates=%s", len(match.candidates))
        shown = name[:MAX_QUERY_LENGTH]
        if not match.candidates:
            raise forms.ValidationError(
                _(
                    "Aucune compétence ne s’appelle « %(name)s ». Vérifiez l’orthographe ou "
                    "essayez un seul mot, par exemple « soudure »."
                ),
                code="unknown_skill",
                params={"name": shown},
            )
        if all(_same_name(skill.name, name) for skill in match.candidates):
            # Taxonomy entries that share a name differ only by their ROME code.
            candidates = ", ".join(f"« {skill.name} ({skill.code}) »" for skill in match.candidates)
            raise forms.ValidationError(
                _(
                    "Plusieurs compétences s’appellent « %(name)s ». Recopiez l’une de celles-ci, "
                    "avec son code : %(candidates)s."
                ),
                code="ambiguous_skill",
                params={"name": shown, "candidates": candidates},
            )
        candidates = ", ".join(f"« {skill.name} »" for skill in match.candidates)
        raise forms.ValidationError(
            _(
                "Aucune compétence ne s’appelle exactement « %(name)s ». Recopiez l’une de "
                "celles-ci : %(candidates)s."
            ),
            code="unknown_skill",
            params={"name": shown, "candidates": candidates},
        )

    def has_changed(self, initial: Any, data: Any) -> bool:
        before = _skill_value(initial)
        after = _skill_value(data)
        if not after["name"].strip():
            return bool(before["id"])
        return after["id"] != before["id"] or not _same_name(after["name"], before["name"])
