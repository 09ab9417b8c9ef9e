"""Meaning-based search: what each FAQ entry means, as a vector, and the entries closest in
meaning to a question, for questions asked in other words than the entry's.

- The model is wordllama's 256-dimension model, shipped inside the package from PyPI and
  loaded from there with downloads disabled: nothing is fetched, ever. It loads once per
  process on first use; if it cannot load, search runs on keywords alone (logged once).
- One vector per indexed FAQ entry (question and answer as plain text), in the
  `exercises_search_meaning` table (`FaqMeaning`), written by the engine whenever it writes
  the keyword index (base.py), so both follow every save, delete, publish and unpublish,
  and `rebuild_search_index`.
- Vectors are unit length, stored as 256 int8 values and the scale that turns them back
  (256 bytes and a float per entry). Each process keeps them all in one numpy matrix,
  loaded again when the content generation (exercises/cache.py) has moved on, as cached
  pages are. A query is compared with every entry's sign bits first (32 bytes an entry),
  and the closest PREFILTER entries by cosine similarity of their int8 vectors: at 100,000
  entries this takes a few milliseconds and about 30 MB.
"""

import logging
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from django.conf import settings
from django.db import transaction

from ..cache import content_generation, without_cache_on_failure
from ..models.search import FaqMeaning

if TYPE_CHECKING:  # base.py calls this module
    from .base import Document

logger = logging.getLogger(__name__)

DIMENSIONS = 256
# Entries at least this close in meaning are candidates: on the relevance set
# (tests/search/corpus.py) the entry a question asks for is rarely below it, while the
# twentieth closest entry usually is; so a search for nonsense still finds nothing.
MIN_SIMILARITY = 0.25
MEANING_CANDIDATES = 30
PREFILTER = 1000
BATCH = 2000
# When the cache cannot tell the content generation, a loaded matrix serves this long.
STALE_SECONDS = 30

_model_lock = threading.Lock()
_model = None
_model_failed = False


def model():
    """The embedding model, or None when meaning-based search is off or cannot load."""
    global _model, _model_failed
    if not settings.SEARCH_MEANING or _model_failed:
        return None
    if _model is None:
        with _model_lock:
            if _model is None and not _model_failed:
                try:
                    import wordllama
                    from wordllama import WordLlama

                    # The package's own lookup misses its bundled tokenizer: point it at the
                    # package directory, and never let it reach for the network.
                    _model = WordLlama.load(
                        cache_dir=Path(wordllama.__file__).parent, disable_download=True
                    )
                except Exception:
                    _model_failed = True
                    logger.exception(
                        "The embedding model could not load: search ranks by keywords only."
                    )
    return _model


def embed(texts: list[str]) -> np.ndarray | None:
    """Unit vectors (float32, one row per text), or None without a model."""
    current = model()
    if current is None or not texts:
        return None
    try:
        vectors = np.asarray(current.embed(texts), dtype=np.float32).reshape(len(texts), -1)
    except Exception:
        logger.exception("The embedding model failed on %d texts.", len(texts))
        return None
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


def quantise(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 vectors and, per vector, the scale that turns them back into floats."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales = np.where(scales > 0, scales, 1.0).astype(np.float32)
    return np.round(vectors / scales[:, None]).astype(np.int8), scales


def document_text(document: "Document") -> str:
    # The model averages its words: the question twice makes the entry mean what it asks
    # more than what the answer goes on to say (readers' searches are questions), and the
    # exercise's name stands for the "this" of "can I do this when…".
    return f"{document.question} {document.question} {document.answer} {document.exercise_name}"


# Keeping the vectors in step (called by the engine, base.py) ------------------------------


def rows(documents: list["Document"]) -> list[FaqMeaning]:
    vectors = embed([document_text(d) for d in documents])
    if vectors is None:
        return []
    quantised, scales = quantise(vectors)
    return [
        FaqMeaning(
            faq_id=d.faq_id,
            body_part_id=d.body_part_id,
            vector=quantised[i].tobytes(),
            scale=float(scales[i]),
        )
        for i, d in enumerate(documents)
    ]


def put(documents: list["Document"]) -> None:
    if not documents:
        return
    with transaction.atomic():
        remove([d.faq_id for d in documents])
        FaqMeaning.objects.bulk_create(rows(documents), batch_size=BATCH)


def remove(faq_ids: list[int]) -> None:
    if faq_ids:
        FaqMeaning.objects.filter(faq_id__in=faq_ids).delete()


def clear() -> None:
    FaqMeaning.objects.all().delete()


def insert(meanings: list[FaqMeaning]) -> None:
    """For rebuilds: rows made by `rows`, written in bulk."""
    FaqMeaning.objects.bulk_create(meanings, batch_size=BATCH)


# Finding the entries closest in meaning --------------------------------------------------


@dataclass(frozen=True)
class Matrix:
    generation: int | None
    loaded_at: float
    faq_ids: np.ndarray  # int64
    body_parts: np.ndarray  # int64, -1 for none
    vectors: np.ndarray  # int8, one row per entry
    scales: np.ndarray  # float32
    signs: np.ndarray  # uint64, the sign bits of each vector

    @property
    def nbytes(self) -> int:
        return sum(
            a.nbytes for a in (self.faq_ids, self.body_parts, self.vectors, self.scales, self.signs)
        )


_matrix: Matrix | None = None
_matrix_lock = threading.Lock()


def sign_bits(vectors: np.ndarray) -> np.ndarray:
    return np.packbits(vectors > 0, axis=1).view(np.uint64)


def load_matrix(generation: int | None) -> Matrix:
    entries = list(FaqMeaning.objects.values_list("faq_id", "body_part_id", "vector", "scale"))
    count = len(entries)
    vectors = np.frombuffer(b"".join(bytes(e[2]) for e in entries), dtype=np.int8)
    vectors = vectors.reshape(count, DIMENSIONS) if count else np.zeros((0, DIMENSIONS), np.int8)
    return Matrix(
        generation=generation,
        loaded_at=time.monotonic(),
        faq_ids=np.fromiter((e[0] for e in entries), dtype=np.int64, count=count),
        body_parts=np.fromiter(
            (-1 if e[1] is None else e[1] for e in entries), dtype=np.int64, count=count
        ),
        vectors=vectors,
        scales=np.fromiter((e[3] for e in entries), dtype=np.float32, count=count),
        signs=sign_bits(vectors),
    )


def matrix() -> Matrix:
    """This process's vectors, loaded again once the content has changed."""
    global _matrix
    generation = without_cache_on_failure(content_generation)
    if is_current(_matrix, generation):
        return _matrix
    with _matrix_lock:
        if not is_current(_matrix, generation):  # another thread may have loaded it
            _matrix = load_matrix(generation)
        return _matrix


def is_current(loaded: Matrix | None, generation: int | None) -> bool:
    if loaded is None:
        return False
    if generation is None:
        return time.monotonic() - loaded.loaded_at < STALE_SECONDS
    return loaded.generation == generation


def closest(text: str, body_part_id: int | None = None) -> list[tuple[int, float]]:
    """[(faq_id, similarity)] of the entries closest in meaning to `text`, closest first,
    at least MIN_SIMILARITY; empty without a model."""
    query = embed([text])
    if query is None:
        return []
    query = query[0]
    found = matrix()
    if not len(found.faq_ids):
        return []
    distances = np.bitwise_count(found.signs ^ sign_bits(query[None, :])).sum(
        axis=1, dtype=np.int32
    )
    if body_part_id is not None:
        distances[found.body_parts != body_part_id] = DIMENSIONS + 1
    nearest = (
        np.argpartition(distances, PREFILTER)[:PREFILTER]
        if len(distances) > PREFILTER
        else np.arange(len(distances))
    )
    nearest = nearest[distances[nearest] <= DIMENSIONS]
    similarity = (found.vectors[nearest].astype(np.float32) @ query) * found.scales[nearest]
    order = np.argsort(-similarity, kind="stable")[:MEANING_CANDIDATES]
    return [
        (int(found.faq_ids[nearest[i]]), float(similarity[i]))
        for i in order
        if similarity[i] >= MIN_SIMILARITY
    ]
