"""The matching engine on in-memory records: features, ranking, explanations, training."""

import numpy as np
import pytest

from matching import generator
from matching.data import APPLIED, SEEN, Interaction, OfferData, SeekerData
from matching.engine import FEATURE_INDEX, Engine, Ranker, explain_pair
from matching.evaluation import temporal_split, train_ranker
from matching.ranker import MIN_POSITIVES, NotEnoughInteractions, fit_ranker, training_set

TODAY = 739_000


def offer(id, skills, **fields):
    fields.setdefault("text", f"Offre {id}")
    fields.setdefault("closing_day", TODAY + 20)
    return OfferData(id=id, skill_ids=frozenset(skills), **fields)


def seeker(id, skills, **fields):
    fields.setdefault("text", "")
    return SeekerData(id=id, skill_ids=frozenset(skills), **fields)


def test_explanation_matches_skill_feature():
    offers = [offer(1, {1, 2, 3}), offer(2, {3, 4}), offer(3, set())]
    person = seeker(9, {2, 3, 7}, training_skills={3: "Formation paie"})
    engine = Engine(offers, TODAY)
    prepared = engine.seekers([person]).take(np.zeros(3, dtype=int))
    features = engine.pair_features(prepared, np.arange(3))

    for row, record in enumerate(offers):
        explanation = explain_pair(person, record, features[row])
        coverage = features[row][FEATURE_INDEX["skill_coverage"]]
        expected = len(explanation["matched"]) / len(record.skill_ids) if record.skill_ids else 0
        assert coverage == pytest.approx(expected)
        assert set(explanation["matched"]) == record.skill_ids & person.skill_ids
        assert set(explanation["missing"]) == record.skill_ids - person.skill_ids
    assert explain_pair(person, offers[0], features[0])["from_trainings"] == {"3": "Formation paie"}
    assert "no_skills_listed" in explain_pair(person, offers[2], features[2])["reasons"]


def test_accents_folded_in_text_similarity():
    offers = [
        offer(1, set(), text="Agent de santé communautaire"),
        offer(2, set(), text="Chauffeur"),
    ]
    engine = Engine(offers, TODAY)

    [(_person, best)] = list(engine.top_offers([seeker(1, set(), text="agent sante")], 2))

    assert [engine.offers[column].id for column, _score in best] == [1, 2]


def test_excluded_offers_never_returned():
    offers = [offer(i, {1}) for i in range(1, 6)]
    engine = Engine(offers, TODAY)

    [(_person, best)] = list(engine.top_offers([seeker(1, {1})], 10, exclude={1: {2, 4}}))

    assert sorted(engine.offers[column].id for column, _score in best) == [1, 3, 5]


def test_empty_catalogue_returns_nothing():
    engine = Engine([], TODAY)

    assert list(engine.top_offers([seeker(1, {1})], 10)) == [(seeker(1, {1}), [])]


def test_nearer_offer_ranks_first():
    bamako = {"latitude": 12.65, "longitude": -8.0}
    gao = {"latitude": 16.27, "longitude": -0.04}
    offers = [offer(1, {1}, **gao), offer(2, {1}, **bamako)]
    engine = Engine(offers, TODAY)

    [(_person, best)] = list(engine.top_offers([seeker(1, {1}, **bamako)], 2))

    assert [engine.offers[column].id for column, _score in best] == [2, 1]


def test_too_few_interactions_rejected():
    features = np.zeros((10, len(FEATURE_INDEX)), np.float32)
    labels = np.array([1] * (MIN_POSITIVES - 1) + [0])[:10]

    with pytest.raises(NotEnoughInteractions):
        fit_ranker(features, labels, np.ones(10))


def test_training_negatives_sampled_from_seen():
    offers = [offer(i, {i}, published_day=TODAY - 10) for i in range(1, 30)]
    engine = Engine(offers, TODAY)
    interactions = [Interaction(1, 1, TODAY - 5, APPLIED), Interaction(1, 2, TODAY - 5, SEEN)]

    features, labels, weights = training_set(engine, [seeker(1, {1})], interactions, 1)

    assert labels.tolist() == [1, 0, 0]
    assert features[1][FEATURE_INDEX["skill_coverage"]] == 0
    assert weights.tolist() == [1.0, 1.0, 1.0]


@pytest.fixture(scope="module")
def small_world():
    return generator.generate(generator.load_taxonomy(), offers=300, seekers=300, seed=3)


def test_training_twice_gives_same_model(small_world):
    split = temporal_split(small_world, generator.FIRST_DAY + 90)

    first = train_ranker(small_world, split)
    second = train_ranker(small_world, split)

    assert first.learned
    assert np.array_equal(first.weights, second.weights)
    assert first.intercept == second.intercept


def test_generator_is_deterministic():
    taxonomy = generator.load_taxonomy()

    first = generator.generate(taxonomy, offers=50, seekers=50, seed=7)
    second = generator.generate(taxonomy, offers=50, seekers=50, seed=7)

    assert first.offers == second.offers
    assert first.interactions == second.interactions


def test_content_ranker_weights_sum_to_one():
    assert Ranker.content().weights.sum() == pytest.approx(1.0)


def test_evaluate_command_prints_table():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("evaluate_matching", offers=300, seekers=300, elasticsearch_url="", stdout=out)

    text = out.getvalue()
    assert "| learned ranker |" in text
    assert "| most popular |" in text
    assert "the more-like-this baseline is left out" in text
