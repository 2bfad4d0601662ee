"""Errors raised by the registry services, each carrying a French message for the user.

Views catch `RegistryError` and show `message`; `NotAllowed` also subclasses Django's
`PermissionDenied`, so an uncaught one becomes a 403 response.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class RegistryError(Exception):
    """Base class of the errors shown to the user, each with a French message."""

    default_message = _("L’opération sur la déclaration a échoué.")

    def __init__(self, message: str | None = None) -> None:
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)


class NotAllowed(RegistryError, PermissionDenied):
    default_message = _("Vous n’avez pas le droit d’effectuer cette action.")


class DeclarationLocked(RegistryError):
    default_message = _(
        "Cette déclaration n’est plus modifiable : elle est soumise ou validée. Pour corriger "
        "une déclaration validée, créez-en une nouvelle version."
    )


class InvalidTransition(RegistryError):
    default_message = _("Cette déclaration n’est pas dans un état qui permet cette action.")


class DeclarationExists(RegistryError):
    default_message = _(
        "Une déclaration existe déjà pour cette organisation et cette période : ouvrez-la "
        "depuis la liste de vos déclarations."
    )


class InvalidPeriod(RegistryError):
    default_message = _("Indiquez une année entre 2000 et l’année en cours.")


class MissingComments(RegistryError):
    default_message = _(
        "Indiquez vos commentaires : ils expliquent à l’ONG ce qu’elle doit corriger."
    )


class DeclarationInvalid(RegistryError):
    """Raised with every rule a declaration breaks; `errors` lists one French message each."""

    default_message = _("La déclaration contient des erreurs : corrigez-les puis recommencez.")

    def __init__(self, errors: list[str], message: str | None = None) -> None:
        self.errors = errors
        super().__init__(message)


@dataclass(frozen=True)
class ImportIssue:
    """One problem found in an imported file, located by sheet, spreadsheet row and column."""

    sheet: str
    row: int | None
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return _("Feuille « %(sheet)s » : %(reason)s") % {
                "sheet": self.sheet,
                "reason": self.reason,
            }
        return _("Feuille « %(sheet)s », ligne %(row)s, colonne « %(column)s » : %(reason)s") % {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "reason": self.reason,
        }


class ImportFailed(RegistryError):
    """Raised when a file cannot be imported; `issues` lists every problem found."""

    default_message = _(
        "Le fichier n’a pas été importé et aucune ligne n’a été enregistrée : corrigez les "
        "erreurs ci-dessous puis importez-le de nouveau."
    )

    def __init__(self, issues: list[ImportIssue], message: str | None = None) -> None:
        self.issues = issues
        super().__init__(message)


class DuplicateImport(RegistryError):
    default_message = _(
        "Ce fichier a déjà été importé pour cette déclaration : rien n’a été importé une "
        "seconde fois."
    )
