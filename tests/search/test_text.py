"""The Python analysis of the database backend against the Elasticsearch analyzer."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from elasticsearch import Elasticsearch

from search import documents, text

DATA = Path(__file__).resolve().parents[2] / "platform" / "referential" / "data"


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("developpeur", "developeu"),
        ("developeur", "developeu"),
        ("developpeurs", "developeu"),
        ("developpement", "develop"),
        ("formations", "form"),
        ("formateur", "form"),
        ("animatrice", "anim"),
        ("directrice", "direct"),
        ("chevaux", "cheval"),
        ("beaux", "beau"),
        ("activement", "actif"),
        ("administratives", "administratif"),
        ("etablissement", "etabli"),
        ("educatrice", "eduqu"),
        ("actualisation", "actuel"),
        ("heureuse", "heureu"),
        ("chauffeur", "chaufeu"),
        ("sante", "sant"),
        ("bus", "bus"),
        ("2000", "2000"),
    ],
)
def test_stem(word, expected):
    assert text.stem(word) == expected


def test_terms_drop_elision_and_stop_words():
    assert text.terms("L’agent de santé d’Éducation") == ["agent", "sant", "educ"]


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for name in ("skills.csv.gz", "occupation_titles.csv.gz", "occupations.csv.gz"):
        with gzip.open(DATA / name, "rt", encoding="utf-8") as source:
            words.update(text.words(source.read()))
    for name in ("communes.csv", "sectors.csv"):
        words.update(text.words((DATA / name).read_text(encoding="utf-8")))
    words.update(text.words(text.SYNONYMS_FILE.read_text(encoding="utf-8")))
    return sorted(words)


def _index_tokens(es: Elasticsearch, texts: list[str]) -> list[list[str]]:
    """Return the tokens of each text through the index analyzer of search.documents."""
    analysis = documents.french_index.get_analysis_definition()
    chain = documents.french_index.get_definition()
    filters = [analysis["filter"].get(name, name) for name in chain["filter"]]
    tokens: list[list[str]] = []
    for item in texts:
        response = es.indices.analyze(tokenizer=chain["tokenizer"], filter=filters, text=item)
        tokens.append([token["token"] for token in response["tokens"]])
    return tokens


@pytest.mark.elasticsearch
def test_terms_match_index_analyzer():
    vocabulary = _vocabulary()
    sentences = [
        "L’agent de santé communautaire et l’animatrice d’éducation",
        "Développeurs, développement, développeuse ; formations des formateurs",
        "Les chauffeurs conduisent les véhicules jusqu’aux villages qu’ils desservent",
        "Suivi-évaluation des activités génératrices de revenus (AGR) en 2025",
    ]
    es = Elasticsearch(os.environ["ELASTICSEARCH_URL"], request_timeout=60)
    try:
        # One text per word would be slow: the analyze API takes batches of one word a line.
        batch_size = 2_000
        mismatches = []
        for start in range(0, len(vocabulary), batch_size):
            batch = vocabulary[start : start + batch_size]
            analysed = _index_tokens(es, ["\n".join(batch)])[0]
            expected = [term for word in batch for term in text.terms(word)]
            if analysed != expected:
                mismatches.extend(
                    (word, text.terms(word), _index_tokens(es, [word])[0])
                    for word in batch
                    if text.terms(word) != _index_tokens(es, [word])[0]
                )
        sentence_tokens = _index_tokens(es, sentences)
    finally:
        es.close()

    assert len(vocabulary) > 50_000
    assert mismatches == []
    assert sentence_tokens == [text.terms(sentence) for sentence in sentences]
