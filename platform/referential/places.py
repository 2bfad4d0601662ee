"""Find a commune from the name a person types, accents and case ignored."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import Commune
from .ordering import folded_name

# "Faraba (Kati)": a commune name followed by its cercle in brackets, which picks one of the
# communes that share a name (13 names are shared by 2 to 4 communes in the 2015 boundaries).
NAME_WITH_CERCLE = re.compile(r"^(?P<name>[^()]*?)\s*\((?P<cercle>[^()]*)\)\s*$")
MAX_NAME_LENGTH = 200


@dataclass(frozen=True)
class CommuneChoice:
    """A commune found by name, with the cercle that distinguishes homonyms."""

    pk: int
    name: str
    cercle_name: str

    @property
    def label(self) -> str:
        """The name with its cercle, in the form that `communes_named` accepts back."""
        return f"{self.name} ({self.cercle_name})"


def communes_named(text: str) -> list[CommuneChoice]:
    """Return the communes whose name is `text`, accents, case and outer spaces ignored.

    `text` may end with the cercle in brackets to pick one of several communes of the same name.
    The list is in alphabetical order of the cercles and is empty when no commune matches.
    """
    text = text.strip()[:MAX_NAME_LENGTH]
    cercle = ""
    bracketed = NAME_WITH_CERCLE.match(text)
    if bracketed:
        text, cercle = bracketed["name"], bracketed["cercle"]
    name_key, cercle_key = folded_name(text.strip()), folded_name(cercle.strip())
    if not name_key:
        return []

    # About 700 rows: folding in Python works the same on SQLite and PostgreSQL.
    rows = Commune.objects.values_list("pk", "name", "cercle__name")
    found = [
        CommuneChoice(pk, name, cercle_name)
        for pk, name, cercle_name in rows
        if folded_name(name) == name_key
        and (not cercle_key or folded_name(cercle_name) == cercle_key)
    ]
    return sorted(found, key=lambda choice: folded_name(choice.cercle_name))


def commune_label(pk: int) -> str:
    """Return the name of the commune `pk` as the search form shows it, or "" if there is none."""
    row = Commune.objects.filter(pk=pk).values_list("pk", "name", "cercle__name").first()
    if row is None:
        return ""
    choice = CommuneChoice(*row)
    return choice.name if len(communes_named(choice.name)) == 1 else choice.label
