"""Admin forms of the opportunity pages, kept light for NGO members on mobile data."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from referential.models import Skill


class OfferPageForm(WagtailAdminPageForm):
    """Offer the skills of the chosen occupation only, instead of all of ROME's.

    ROME lists over 33,000 skills: one select with all of them made the page weigh megabytes.
    An occupation links to a few dozen, and skills already on the page always stay listed.
    """

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
        self.fields["skills"].queryset = Skill.objects.filter(condition).distinct().order_by("name")
        if not occupation_id:
            self.fields["skills"].help_text = _(
                "Choisissez d’abord le métier puis enregistrez le brouillon : "
                "les compétences de ce métier s’afficheront ici."
            )

    def _chosen_occupation_id(self) -> int | None:
        """Return the occupation posted with the form, or the page's own."""
        posted = self.data.get(self.add_prefix("occupation")) if self.is_bound else None
        if posted:
            try:
                return int(posted)
            except (TypeError, ValueError):
                return None
        return self.instance.occupation_id
