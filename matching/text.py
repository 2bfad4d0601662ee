"""French-aware text vectors for offers and seekers: TF-IDF on words and character n-grams."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

# Common French function words, written lowercase and without accents because the vectorizers
# fold accents before they drop stop words.
FRENCH_STOP_WORDS = frozenset(
    """
    a afin ainsi alors au aucun aussi autre aux avec avoir ce cela ces cet cette chaque chez
    comme dans de des deja du elle elles en entre est et etre eu fait il ils je la le les leur
    leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ou par pas pendant peu plus
    pour qu que quel quelle qui sa sans se selon ses si son sont sous sur ta te tes toi ton tous
    tout toute toutes tres tu un une vos votre vous
    """.split()
)

# Below this many offers, vectors stay sparse and exact, because fitting the SVD costs more than
# it saves in scoring.
SVD_MIN_DOCUMENTS = 5000
SVD_DIMENSIONS = 128
RANDOM_STATE = 0


class TextEncoder:
    """Turns texts into unit vectors whose dot product is their cosine similarity.

    Words (unigrams and bigrams) and `char_wb` 3- to 5-grams are weighted by TF-IDF with accent
    folding, so "santé" matches "sante" and "maraîchage" matches "maraichers" in part. On large
    catalogues a truncated SVD with a fixed seed projects them to SVD_DIMENSIONS dense dimensions.
    """

    def __init__(
        self, dimensions: int = SVD_DIMENSIONS, svd_min_documents: int = SVD_MIN_DOCUMENTS
    ):
        self.dimensions = dimensions
        self.svd_min_documents = svd_min_documents
        self.words = TfidfVectorizer(
            analyzer="word",
            strip_accents="unicode",
            lowercase=True,
            stop_words=sorted(FRENCH_STOP_WORDS),
            ngram_range=(1, 2),
            sublinear_tf=True,
            max_features=200_000,
            dtype=np.float32,
        )
        self.characters = TfidfVectorizer(
            analyzer="char_wb",
            strip_accents="unicode",
            lowercase=True,
            ngram_range=(3, 5),
            sublinear_tf=True,
            max_features=200_000,
            dtype=np.float32,
        )
        self.svd: TruncatedSVD | None = None
        self.fitted = False

    def fit_transform(self, texts: list[str]):
        """Fit the vectorizers on `texts` (the offers) and return their vectors."""
        texts = [text or "" for text in texts]
        if not any(text.strip() for text in texts):
            # Nothing to learn from: every similarity is zero.
            self.fitted = False
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
        words = self._fit_or_empty(self.words, texts)
        characters = self.characters.fit_transform(texts)
        vectors = normalize(sparse.hstack([words, characters], format="csr"))
        self.fitted = True
        if len(texts) >= self.svd_min_documents and vectors.shape[1] > self.dimensions:
            self.svd = TruncatedSVD(n_components=self.dimensions, random_state=RANDOM_STATE)
            return normalize(self.svd.fit_transform(vectors)).astype(np.float32)
        self.svd = None
        return vectors

    def transform(self, texts: list[str]):
        texts = [text or "" for text in texts]
        if not self.fitted:
            return sparse.csr_matrix((len(texts), 1), dtype=np.float32)
        words = (
            self.words.transform(texts)
            if hasattr(self.words, "vocabulary_")
            else sparse.csr_matrix((len(texts), 0), dtype=np.float32)
        )
        vectors = normalize(sparse.hstack([words, self.characters.transform(texts)], format="csr"))
        if self.svd is not None:
            return normalize(self.svd.transform(vectors)).astype(np.float32)
        return vectors

    @staticmethod
    def _fit_or_empty(vectorizer: TfidfVectorizer, texts: list[str]):
        # Texts made only of stop words leave the word vocabulary empty, which scikit-learn
        # reports as an error; character n-grams still carry them.
        try:
            return vectorizer.fit_transform(texts)
        except ValueError:
            if hasattr(vectorizer, "vocabulary_"):
                del vectorizer.vocabulary_
            return sparse.csr_matrix((len(texts), 0), dtype=np.float32)
