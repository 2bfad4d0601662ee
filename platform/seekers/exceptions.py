"""Errors raised by the seekers' services, each carrying a French message for the user.

Views catch `SeekerError` and show `message`. `NotAllowed` is also Django's `PermissionDenied`
and `ApplicationNotFound` is `Http404`, so an uncaught one becomes a 403 or a 404 response.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class SeekerError(Exception):
    """Base class of the errors shown to the user, each with a French message."""

    default_message = _("L’opération a échoué.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)


class NotAllowed(SeekerError, PermissionDenied):
    default_message = _("Vous n’avez pas le droit d’effectuer cette action.")


class ApplicationNotFound(SeekerError, Http404):
    default_message = _("Cette candidature n’existe pas.")


class InvalidCv(SeekerError):
    default_message = _("Ce fichier n’est pas un CV accepté.")


class OfferClosed(SeekerError):
    default_message = _(
        "Cette offre n’accepte plus de candidatures : elle est close, expirée ou retirée."
    )


class AlreadyApplied(SeekerError):
    default_message = _("Vous avez déjà postulé à cette offre.")


class ProfileIncomplete(SeekerError):
    default_message = _(
        "Indiquez votre date de naissance et votre région dans votre profil avant de postuler."
    )


class MissingCv(SeekerError):
    default_message = _("Joignez un CV au format PDF, ou ajoutez-en un à votre profil.")


class IllegalTransition(SeekerError):
    default_message = _("Cette candidature ne peut pas passer à ce statut.")


class MissingRejectionReason(SeekerError):
    default_message = _("Choisissez le motif du refus dans la liste.")


class HireUndoTooLate(SeekerError):
    default_message = _(
        "L’embauche date de plus de 7 jours : elle ne peut plus être annulée sur la plateforme."
    )


class SeekerNotFound(SeekerError, Http404):
    default_message = _("Ce chercheur d’emploi n’existe pas.")
