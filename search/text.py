"""French text normalisation and the synonym list, shared by both search backends.

The database backend applies these steps in Python to approximate the Elasticsearch analysis
chain of search/documents.py: elision, lowercase, ASCII folding, French stop words and the
light French stemmer. Both read the synonym groups from synonyms_fr.txt.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

SYNONYMS_FILE = Path(__file__).with_name("synonyms_fr.txt")
# Raise this when `terms` changes, so the reconciliation rewrites the stored terms.
ANALYSIS_VERSION = 1

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

# Elasticsearch's `_french_` stop words (Lucene's French list, from Snowball) that the index
# analyzer removes. Its stop filter runs after ASCII folding, so the accented entries of the
# list (été, étant) never match and are left out here too. tests/search/test_text.py checks
# the list against a node.
STOP_WORDS = frozenset(
    """
    ai aie aient aies ait au aurai auraient aurais aurait aurez auriez aurions aurons auront aux
    avaient avais avait avec avez aviez avons ayant ayez ayons c ce ceci cela ces cet cette d
    dans de des du elle en es et eu eue eues eurent eus eusse eussent eusses eussiez eussions
    eut eux furent fus fusse fussent fusses fussiez fussions fut ici il ils j je l la le les
    leur leurs lui m ma mais me mes moi mon n ne nos notre nous on ont ou par pas pour qu que
    quel quelle quelles quels qui s sa sans se sera serai seraient serais serait seras serez
    seriez serions serons seront ses soi soient sois soit sont soyez soyons suis sur t ta te tes
    toi ton tu un une vos votre vous y
    """.split()
)

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ELISION = re.compile(r"^(?:{})['’]".format("|".join(ELISION_ARTICLES)))


def fold(text: str) -> str:
    """Return `text` lowercased and without accents (é -> e, œ -> oe)."""
    text = text.replace("œ", "oe").replace("Œ", "oe").replace("æ", "ae").replace("Æ", "ae")
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def stem(word: str) -> str:
    """Return the light French stem of a folded word, as Elasticsearch's `light_french` does.

    The rules are Jacques Savoy's light French stemmer, which Lucene implements as
    FrenchLightStemmer: plural endings go, a few derivational suffixes are cut (-ation, -ement,
    -teur, -isation) and the result is normalised by `_normalise`. So développeur, developeur
    and développeurs all give `developeu`, and formations gives `form`.
    tests/search/test_text.py compares this function with the analyzer of a real node.
    """
    # Plurals: -aux becomes -al (chevaux, cheval) unless an e precedes it (beaux, beau).
    if len(word) > 5 and word.endswith("x"):
        if word.endswith("aux") and word[-4] != "e":
            word = word[:-3] + "al"
        else:
            word = word[:-1]
    if len(word) > 3 and word.endswith("x"):
        word = word[:-1]
    if len(word) > 3 and word.endswith("s"):
        word = word[:-1]

    # Suffixes whose rule ends the stemming, in the order the stemmer tries them. Its rules for
    # the accented -ième and -ère are left out: the words reach it folded, so they never match.
    for suffix, longer_than, replacement in _FINAL_SUFFIXES:
        if len(word) > longer_than and word.endswith(suffix):
            return _normalise(_replace_suffix(word, suffix, replacement))

    # -trice becomes -teur, which the -teur rule below then shortens.
    if len(word) > 6 and word.endswith("trice"):
        word = word[:-5] + "teur"
    for suffix, longer_than, replacement in _TEUR_SUFFIXES:
        if len(word) > longer_than and word.endswith(suffix):
            return _normalise(_replace_suffix(word, suffix, replacement))

    if len(word) > 7 and word.endswith("ive"):
        return _normalise(word[:-2] + "f")
    if len(word) > 4 and word.endswith(("folle", "molle")):
        return _normalise(word[:-3] + "u")
    if len(word) > 9 and word.endswith("nnelle"):
        return _normalise(word[:-5])
    if len(word) > 9 and word.endswith("nnel"):
        return _normalise(word[:-3])
    if len(word) > _ELLE_LONGER_THAN and word.endswith("elle"):
        word = word[:-2]
    if len(word) > 8 and word.endswith("ique"):
        word = word[:-4]
    if len(word) > 8 and word.endswith("esse"):
        return _normalise(word[:-3])
    if len(word) > 7 and word.endswith("inage"):
        return _normalise(word[:-3])
    if len(word) > 9 and word.endswith("isation"):
        word = word[:-7]
        if len(word) > 5 and word.endswith("ual"):
            word = word[:-2] + "el"
        return _normalise(word)
    if len(word) > 8 and word.endswith(("ation", "ition")):
        return _normalise(word[:-5])
    return _normalise(word)


# (suffix, the word must be longer than this, replacement), tried in this order.
_FINAL_SUFFIXES = (
    ("issement", 9, "ir"),
    ("issant", 8, "ir"),
    ("ement", 6, "e"),
    ("ficatrice", 11, "fier"),
    ("ficateur", 10, "fier"),
    ("catrice", 9, "quer"),
    ("cateur", 8, "quer"),
    ("atrice", 8, "er"),
    ("ateur", 7, "er"),
)
_TEUR_SUFFIXES = (
    ("teuse", 7, "ter"),
    ("teur", 6, "ter"),
    ("euse", 5, "eu"),
)
# Measured on the node (reelle keeps -elle); a shorter word that loses -le ends the same after
# `_normalise`, so only this boundary changes a stem.
_ELLE_LONGER_THAN = 6


def _replace_suffix(word: str, suffix: str, replacement: str) -> str:
    word = word[: -len(suffix)] + replacement
    # -ement leaves -ive as -if: activement, actif.
    if suffix == "ement" and len(word) > 3 and word.endswith("ive"):
        word = word[:-2] + "f"
    return word


def _normalise(word: str) -> str:
    """Collapse doubled letters, then drop a final -ie, or a final r, e, e and doubled letter."""
    if len(word) > 4:
        collapsed = word[0]
        for character in word[1:]:
            if not (character == collapsed[-1] and character.isalpha()):
                collapsed += character
        word = collapsed
    if len(word) > 4 and word.endswith("ie"):
        word = word[:-2]
    if len(word) > 4:
        if word.endswith("r"):
            word = word[:-1]
        if word.endswith("e"):
            word = word[:-1]
        if word.endswith("e"):
            word = word[:-1]
        if len(word) > 1 and word[-1] == word[-2] and word[-1].isalpha():
            word = word[:-1]
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
