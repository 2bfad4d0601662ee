"""French text normalisation and the synonym list, shared by both search backends.

The database backend applies these steps in Python to approximate the Elasticsearch analysis
chain of search/documents.py: elision, lowercase, ASCII folding, French stop words and a light
plural stemmer. Both read the synonym groups from synonyms_fr.txt.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("synonyms_fr.txt")

# The articles and pronouns that French joins to the next word with an apostrophe.
ELISION_ARTICLES = (
    "l",
    "m",
    "t",
    "qu",
    "n",
    "s",
    "j",
    "d",
    "c",
    "jusqu",
    "quoiqu",
    "lorsqu",
    "puisqu",
)

# NOTE: a short French stop list, close to Elasticsearch's `_french_` list but not the same, so
# a query made only of a word in one list can match differently on the two backends.
STOP_WORDS = frozenset(
    "a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma mais me meme "
    "mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi "
    "ton tu un une vos votre vous y d l s c j m n t".split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ELISION = re.compile(r"^(?:{})['’]".format("|".join(ELISION_ARTICLES)))


def fold(text: str) -> str:
    """Return `text` lowercased and without accents (é -> e, œ -> oe)."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """Return `word` without a plural ending: formations -> formation, travaux -> travau."""
    if len(word) > 3 and word[-1] in "sx" and word[-2] != "s":
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """Return the folded words of `text`, elided articles removed, stop words kept."""
    result = []
    for match in _WORD.finditer(fold(text)):
        word = _ELISION.sub("", match.group())
        result.extend(part for part in re.split(r"['’]", word) if part)
    return result


def terms(text: str) -> list[str]:
    """Return the indexed terms of `text`: folded, stemmed words without stop words."""
    return [stem(word) for word in words(text) if word not in STOP_WORDS]


def indexed_text(*parts: str) -> str:
    """Return the terms of `parts` joined by spaces, with a space at each end for word matches."""
    return " {} ".format(" ".join(term for part in parts for term in terms(part)))


@cache
def synonym_rules() -> tuple[str, ...]:
    """Return the rules of synonyms_fr.txt, one Solr-format line each, comments removed."""
    rules = []
    for line in SYNONYMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            rules.append(line)
    return tuple(rules)


@cache
def synonym_groups() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Return each synonym group as its members' term sequences, for the database backend."""
    groups = []
    for rule in synonym_rules():
        members = tuple(tuple(terms(member)) for member in rule.split(","))
        groups.append(tuple(member for member in members if member))
    return tuple(groups)


def query_clauses(text: str) -> list[list[tuple[str, ...]]]:
    """Split a query into clauses that must all match; each clause lists alternative phrases.

    A phrase is a sequence of terms. Runs of terms that form a synonym group member are replaced
    by one clause holding every member of the group; other terms form one-phrase clauses.
    """
    query_terms = terms(text)
    members = sorted(
        ((member, group) for group in synonym_groups() for member in group),
        key=lambda item: -len(item[0]),
    )
    clauses: list[list[tuple[str, ...]]] = []
    position = 0
    while position < len(query_terms):
        for member, group in members:
            if tuple(query_terms[position : position + len(member)]) == member:
                clauses.append(list(group))
                position += len(member)
                break
        else:
            clauses.append([(query_terms[position],)])
            position += 1
    return clauses
