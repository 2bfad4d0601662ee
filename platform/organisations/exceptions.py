"""Errors raised by the organisation services, each carrying a French message for the user.

Views catch `OrganisationError` and show `message`; the permission errors also subclass Django's
`PermissionDenied`, so an uncaught one becomes a 403 response.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class OrganisationError(Exception):
    """Base class of the errors shown to the user, each with a French message."""

    default_message = _("L’opération sur l’organisation a échoué.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)


class NotAllowed(OrganisationError, PermissionDenied):
    default_message = _("Vous n’avez pas le droit d’effectuer cette action.")


class DuplicateRegistrationNumber(OrganisationError):
    default_message = _(
        "Une organisation est déjà inscrite avec ce numéro d’enregistrement. "
        "Si c’est la vôtre, demandez à son administrateur de vous inviter."
    )


class InvalidStatusChange(OrganisationError):
    default_message = _("Cette organisation n’est pas dans un état qui permet cette action.")


class MissingRejectionReason(OrganisationError):
    default_message = _("Indiquez le motif du refus : il sera envoyé aux administrateurs de l’ONG.")


class InvalidRole(OrganisationError):
    default_message = _("Choisissez le rôle « membre » ou « administrateur ».")


class InvalidRecipient(OrganisationError):
    default_message = _("Indiquez une adresse e-mail ou un numéro de téléphone.")


class DuplicateInvitation(OrganisationError):
    default_message = _(
        "Une invitation en attente a déjà été envoyée à cette adresse e-mail ou à ce numéro de "
        "téléphone. Elle reste valable 7 jours : demandez à la personne de consulter ses "
        "e-mails ou ses SMS."
    )


class InvitationError(OrganisationError):
    default_message = _("Cette invitation n’est pas valable.")


class InvitationExpired(InvitationError):
    default_message = _(
        "Cette invitation a expiré. Demandez à l’administrateur de l’organisation de vous en "
        "envoyer une nouvelle."
    )


class InvitationAlreadyUsed(InvitationError):
    default_message = _("Cette invitation a déjà été utilisée.")


class InvitationRecipientMismatch(InvitationError):
    default_message = _(
        "Cette invitation a été envoyée à une autre adresse e-mail ou à un autre numéro de "
        "téléphone que ceux de votre compte."
    )


class AlreadyMember(InvitationError):
    default_message = _("Vous êtes déjà membre de cette organisation.")


class LastAdministrator(OrganisationError):
    default_message = _(
        "Impossible de retirer le dernier administrateur de l’organisation : nommez d’abord un "
        "autre administrateur."
    )


class CannotPublish(OrganisationError, PermissionDenied):
    """Raised when content of an organisation may be prepared but not published."""

    default_message = _("Vous ne pouvez pas publier de contenu pour cette organisation.")


class OrganisationNotVerified(CannotPublish):
    default_message = _(
        "Votre organisation n’est pas encore vérifiée par les éditeurs : vous pouvez préparer "
        "du contenu, mais pas le publier."
    )
