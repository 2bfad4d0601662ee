"""The skills chooser of the opportunity forms: a search box over a JSON endpoint.

The taxonomy holds over 33,000 skills, so the form must not list them. The widget renders a
multiple select that contains only the chosen skills, and `cms/js/skill-chooser.js` adds a search
box whose results come from the `cms_admin:skill_search` view. Without JavaScript the select
still shows the chosen skills and lets the user remove some.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from referential.models import Skill


class SkillChooserWidget(forms.SelectMultiple):
    """A multiple select that renders only its chosen skills, enhanced into a search box."""

    template_name = "cms/widgets/skill_chooser.html"

    def __init__(self, attrs: dict[str, Any] | None = None, occupation_field: str = "") -> None:
        super().__init__(attrs)
        # The id of the occupation select whose skills the search is limited to, if any.
        self.occupation_field = occupation_field

    class Media:
        js = ["cms/js/skill-chooser.js"]
        css = {"all": ["cms/css/skill-chooser.css"]}

    def optgroups(self, name: str, value: list[str], attrs: dict[str, Any] | None = None):
        chosen_ids = [int(item) for item in value if str(item).isdigit()]
        skills = Skill.objects.filter(pk__in=chosen_ids).order_by("name") if chosen_ids else []
        groups = []
        for index, skill in enumerate(skills):
            option = self.create_option(name, skill.pk, skill.name, True, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        labels = {
            "search": _("Rechercher une compétence"),
            "placeholder": _("Tapez au moins deux lettres, par exemple « soudure »"),
            "remove": _("Retirer"),
            "no_result": _("Aucune compétence ne correspond."),
            "choose_occupation": _("Choisissez d’abord le métier."),
            "failed": _("La recherche a échoué : réessayez dans un instant."),
        }
        context["widget"].update(
            {
                "search_url": reverse("cms_admin:skill_search"),
                "occupation_field": self.occupation_field,
                "labels_json": json.dumps(
                    {key: str(label) for key, label in labels.items()}, ensure_ascii=False
                ),
            }
        )
        return context
