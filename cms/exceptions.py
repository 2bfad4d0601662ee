"""Errors raised by the publishing services, each carrying a French message for the user."""

from django.utils.translation import gettext_lazy as _

from organisations.exceptions import OrganisationError


class PublishingError(OrganisationError):
    default_message = _("L’opération sur la page a échoué.")


class NotPublished(PublishingError):
    default_message = _("Cette page n’est pas en ligne : il n’y a rien à retirer.")


class NotAnOpportunity(PublishingError):
    default_message = _(
        "Seules les offres et les formations d’une organisation peuvent être retirées."
    )


class TooManyReports(PublishingError):
    default_message = _(
        "Vous avez déjà envoyé plusieurs signalements : les éditeurs les examinent. "
        "Réessayez plus tard si besoin."
    )
