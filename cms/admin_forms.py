"""Admin forms of the opportunity pages, kept light for NGO members on mobile data.

The skills field of both forms uses `cms.widgets.SkillChooserWidget`, set by the pages' panels,
which renders only the chosen skills and searches the rest through a JSON endpoint.
"""

from __future__ import annotations

import logging

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from referential.models import Skill

logger = logging.getLogger(__name__)

# The submit buttons of Wagtail's page editor that take a page out of draft: publishing,
# submitting to moderation and submitting again after the editors requested changes.
GOING_LIVE_ACTIONS = ("action-publish", "action-submit", "action-restart-workflow")


class TrainingPageForm(WagtailAdminPageForm):
    """The training form: any skill of the taxonomy may be chosen."""


class OfferPageForm(WagtailAdminPageForm):
    """The offer form: skills of the chosen occupation only, and a check for near-duplicates.

    An occupation links to a few dozen of ROME's skills, and skills already on the page stay
    valid. Submitting or publishing an offer that reads almost like a live offer of the same
    organisation fails until the user ticks `confirm_distinct`.
    """

    confirm_distinct = forms.BooleanField(
        label=_("Je confirme qu’il s’agit d’une offre distincte"),
        required=False,
        widget=forms.HiddenInput,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "skills" not in self.fields:
            return

        occupation_id = self._chosen_occupation_id()
        # modelcluster's in-memory relation has no values_list(); read the objects instead.
        selected = [skill.pk for skill in self.instance.skills.all()] if self.instance.pk else []
        condition = Q(pk__in=selected)
        if occupation_id:
            condition |= Q(occupation_links__occupation_id=occupation_id)
        field = self.fields["skills"]
        field.queryset = Skill.objects.filter(condition).distinct()
        field.error_messages["invalid_choice"] = _(
            "La compétence n°%(value)s ne fait pas partie du métier choisi : retirez-la ou "
            "changez de métier."
        )
        field.help_text = _("Cherchez parmi les compétences du métier choisi.")

    def _chosen_occupation_id(self) -> int | None:
        """Return the occupation posted with the form, or the page's own."""
        posted = self.data.get(self.add_prefix("occupation")) if self.is_bound else None
        if posted:
            try:
                return int(posted)
            except (TypeError, ValueError):
                return None
        return self.instance.occupation_id

    def clean(self):
        cleaned_data = super().clean()
        if self.is_going_live() and not cleaned_data.get("confirm_distinct"):
            self._check_near_duplicates(cleaned_data)
        return cleaned_data

    def is_going_live(self) -> bool:
        """Tell whether the user pressed a button that publishes or submits the page."""
        return any(self.data.get(action) for action in GOING_LIVE_ACTIONS)

    def _check_near_duplicates(self, cleaned_data: dict) -> None:
        from . import services
        from .models import OfferPage

        organisation_id = self.instance.organisation_id
        if organisation_id is None and self.parent_page is not None:
            organisation_id = getattr(self.parent_page.specific, "organisation_id", None)
        if organisation_id is None or not cleaned_data.get("title"):
            return

        draft = OfferPage(
            pk=self.instance.pk,
            title=cleaned_data["title"],
            description=cleaned_data.get("description") or "",
            organisation_id=organisation_id,
        )
        duplicates = services.near_duplicate_offers(draft)
        if not duplicates:
            return

        # Show the checkbox only now: without a near-duplicate it would only puzzle the user.
        self.fields["confirm_distinct"].widget = forms.CheckboxInput()
        titles = ", ".join(f"« {offer.title} »" for offer in duplicates)
        self.add_error(
            "confirm_distinct",
            _(
                "Cette offre ressemble beaucoup à une offre déjà en ligne de votre organisation "
                ": %(titles)s. S’il ne s’agit pas d’un doublon, cochez la case puis envoyez de "
                "nouveau."
            )
            % {"titles": titles},
        )
        logger.info(
            "Near-duplicate offer held before submission: organisation=%s page=%s duplicates=%s",
            organisation_id,
            self.instance.pk,
            ",".join(str(offer.pk) for offer in duplicates),
        )
