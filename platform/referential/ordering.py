"""Alphabetical order of place names that ignores accents and case, as French readers expect.

Databases compare names byte by byte or by their own collation, so SQLite and PostgreSQL's "C"
collation put "Ségou" after "Sikasso". The lists of regions, cercles and communes are short (about
700 rows at most), so they are sorted in Python by the folded name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TypeVar

from django import forms
from django.forms.models import ModelChoiceIterator

Named = TypeVar("Named")


def folded_name(name: str) -> str:
    """Return `name` without accents and in lower case, the key that orders place names."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def sorted_by_name(rows: Iterable[Named]) -> list[Named]:
    """Return the rows, which have a `name` attribute, in accent-insensitive alphabetical order."""
    return sorted(rows, key=lambda row: (folded_name(row.name), row.name))


class NameOrderedIterator(ModelChoiceIterator):
    """The choices of a model choice field in accent-insensitive order of their names."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in sorted_by_name(self.queryset):
            yield self.choice(row)


class NameOrderedChoiceField(forms.ModelChoiceField):
    """A model choice field that lists regions, cercles or communes alphabetically."""

    iterator = NameOrderedIterator
