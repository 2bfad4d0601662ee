"""Search the skills taxonomy by name, for the skills choosers of the admin and the seekers.

The search ignores accents and case on every database backend. Each letter of the query becomes a
regular expression class of its accented forms, which PostgreSQL (`~*`) and SQLite (Django's
REGEXP function) both evaluate, so no extension or extra column is needed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Length

from referential.models import Skill

MAX_RESULTS = 20
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_CANDIDATES = 5

# Lowercase letters and the accented forms French and ROME labels use, uppercase included for
# databases whose case folding covers ASCII only (PostgreSQL with the C locale).
_ACCENTED_FORMS = {
    "a": "aàâäáãåAÀÂÄÁÃÅ",
    "c": "cçCÇ",
    "e": "eéèêëEÉÈÊË",
    "i": "iîïíìIÎÏÍÌ",
    "n": "nñNÑ",
    "o": "oôöóòõOÔÖÓÒÕ",
    "u": "uùûüúUÙÛÜÚ",
    "y": "yÿýYŸÝ",
}
_APOSTROPHES = "'’"


def fold(text: str) -> str:
    """Return `text` in lowercase without accents, with œ and æ spelt out."""
    text = text.lower().replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def word_pattern(word: str) -> str:
    """Return a regular expression that matches `word` whatever its accents and case.

    `word` must already be folded. The ligatures œ and æ in the labels match "oe" and "ae".
    """
    parts: list[str] = []
    index = 0
    while index < len(word):
        pair = word[index : index + 2]
        if pair in ("oe", "ae"):
            ligature = "œŒ" if pair == "oe" else "æÆ"
            first, second = _ACCENTED_FORMS[pair[0]], _ACCENTED_FORMS[pair[1]]
            parts.append(f"([{first}][{second}]|[{ligature}])")
            index += 2
            continue
        char = word[index]
        if char in _ACCENTED_FORMS:
            parts.append(f"[{_ACCENTED_FORMS[char]}]")
        elif char in _APOSTROPHES:
            parts.append(f"[{_APOSTROPHES}]")
        else:
            parts.append(re.escape(char))
        index += 1
    return "".join(parts)


def search_skills(query: str, occupation_id: int | None = None) -> QuerySet[Skill]:
    """Return at most `MAX_RESULTS` skills whose name contains every word of `query`.

    Names that start with the first word come first, then shorter names. With `occupation_id`,
    only that occupation's skills are searched. A query shorter than `MIN_QUERY_LENGTH`
    characters returns nothing.
    """
    words = fold(query.strip()[:MAX_QUERY_LENGTH]).split()
    if len("".join(words)) < MIN_QUERY_LENGTH:
        return Skill.objects.none()

    skills = Skill.objects.all()
    if occupation_id is not None:
        skills = skills.filter(occupation_links__occupation_id=occupation_id)
    for word in words:
        skills = skills.filter(name__iregex=word_pattern(word))

    starts_with_first_word = Case(
        When(name__iregex="^" + word_pattern(words[0]), then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        skills.distinct()
        .annotate(rank=starts_with_first_word, name_length=Length("name"))
        .order_by("rank", "name_length", "name")[:MAX_RESULTS]
    )


@dataclass(frozen=True)
class NameMatch:
    """The skill a typed name designates, or the close skills to pick from when none does."""

    skill: Skill | None
    candidates: list[Skill] = field(default_factory=list)


def find_skill_by_name(name: str) -> NameMatch:
    """Return the one skill whose name equals `name`, ignoring accents, case and spacing.

    When no skill or several skills have that name, return no skill and at most
    `MAX_CANDIDATES` close ones instead: the skills of that name, or the best search results.
    """
    name = name.strip()[: Skill._meta.get_field("name").max_length]
    words = fold(name).split()
    if not words:
        return NameMatch(None)

    # The regular expression narrows the rows in the database, folding in Python decides.
    whole_name = r"^\s*" + r"\s+".join(word_pattern(word) for word in words) + r"\s*$"
    folded = " ".join(words)
    same_name = [
        skill
        for skill in Skill.objects.filter(name__iregex=whole_name).order_by("name", "pk")
        if " ".join(fold(skill.name).split()) == folded
    ]
    if len(same_name) == 1:
        return NameMatch(same_name[0])
    verbatim = [skill for skill in same_name if skill.name == name]
    if len(verbatim) == 1:
        return NameMatch(verbatim[0])
    if same_name:
        return NameMatch(None, same_name[:MAX_CANDIDATES])
    return NameMatch(None, list(search_skills(name)[:MAX_CANDIDATES]))
