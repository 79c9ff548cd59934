"""The screening's second signal: naive Bayes over character n-grams of a message's words.

Trained by scripts/train_screening.py on the tuning files of tests/data/screening (never on a
blind set) and shipped as bot/screening_model.json; nothing is downloaded at run time. Words
are read as the rules read them (folded Latin, the sound key of Cyrillic), so Cyrillic and its
Latin transliteration share features. The model only adds: a message it finds close to danger
that no rule caught is screened UNSURE (112 first); it never clears one a rule caught.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Final

from bot.understanding.words import Word

MODEL_PATH: Final = Path(__file__).resolve().parent / "screening_model.json"
# Version 2 adds the calibration (`scale`, `shift`) fitted by scripts/train_screening.py.
FORMAT_VERSION: Final = 2
NGRAM_SIZES: Final = (3, 4, 5)


def features(words: Sequence[Word]) -> set[str]:
    """The features of a message: character n-grams of each word, words, and word pairs."""
    keys = [word.key if word.cyrillic else word.folded for word in words]
    found: set[str] = set()
    for key in keys:
        padded = f"<{key}>"
        found.add("w:" + key)
        for size in NGRAM_SIZES:
            for start in range(len(padded) - size + 1):
                found.add(padded[start : start + size])
    for first, second in itertools.pairwise(keys):
        found.add(f"b:{first} {second}")
    return found


def sigmoid(score: float) -> float:
    """The logistic function, safe at either extreme."""
    if score >= 0:
        return 1.0 / (1.0 + math.exp(-min(score, 700.0)))
    return math.exp(max(score, -700.0)) / (1.0 + math.exp(max(score, -700.0)))


class NaiveBayes:
    """Bernoulli-style naive Bayes over present features, with the log-odds of each feature.

    Naive Bayes counts correlated n-grams of one word many times over, so its raw log-odds run
    to the tens and its probability saturates at 1.0 on any short distressed message, calm or
    not; `scale` and `shift` (Platt scaling, fitted on cross-validated scores) map the log-odds
    to a probability that means what it says, and the threshold is chosen on that probability.
    """

    def __init__(
        self,
        prior: float,
        weights: dict[str, float],
        threshold: float,
        *,
        scale: float = 1.0,
        shift: float = 0.0,
    ) -> None:
        """`prior` and `weights` are log-odds (danger over calm); `threshold` a probability."""
        self.prior = prior
        self.weights = weights
        self.threshold = threshold
        self.scale = scale
        self.shift = shift

    def score(self, found: Iterable[str]) -> float:
        """The raw naive Bayes log-odds that a message with these features is a danger one."""
        return self.prior + sum(self.weights.get(feature, 0.0) for feature in found)

    def probability(self, found: Iterable[str]) -> float:
        """The calibrated probability that a message with these features is a danger one."""
        return sigmoid(self.scale * self.score(found) + self.shift)

    def to_json(self) -> dict[str, object]:
        """The JSON form shipped in the package."""
        return {
            "version": FORMAT_VERSION,
            "ngram_sizes": list(NGRAM_SIZES),
            "prior": self.prior,
            "threshold": self.threshold,
            "scale": self.scale,
            "shift": self.shift,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, data: object) -> NaiveBayes:
        """Read the shipped model; an unknown format is an error, not a silent zero."""
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            raise ValueError("unknown screening model format")
        weights = data.get("weights")
        if not isinstance(weights, dict):
            raise ValueError("screening model has no weights")
        return cls(
            prior=float(data["prior"]),
            weights={str(k): float(v) for k, v in weights.items()},
            threshold=float(data["threshold"]),
            scale=float(data["scale"]),
            shift=float(data["shift"]),
        )


def train(
    messages: Sequence[set[str]], labels: Sequence[bool], *, smoothing: float = 1.0
) -> NaiveBayes:
    """Fit log-odds per feature from feature sets and danger labels (threshold 0.5 for now)."""
    danger = sum(labels)
    calm = len(labels) - danger
    in_danger: dict[str, int] = {}
    in_calm: dict[str, int] = {}
    for found, label in zip(messages, labels, strict=True):
        counts = in_danger if label else in_calm
        for feature in found:
            counts[feature] = counts.get(feature, 0) + 1
    weights: dict[str, float] = {}
    for feature in set(in_danger) | set(in_calm):
        d = in_danger.get(feature, 0)
        c = in_calm.get(feature, 0)
        if d + c < 2:
            continue
        p_danger = (d + smoothing) / (danger + 2 * smoothing)
        p_calm = (c + smoothing) / (calm + 2 * smoothing)
        weights[feature] = round(math.log(p_danger / p_calm), 4)
    prior = math.log((danger + 1) / (calm + 1))
    return NaiveBayes(prior=prior, weights=weights, threshold=0.5)


def fit_calibration(scores: Sequence[float], labels: Sequence[bool]) -> tuple[float, float]:
    """Platt scaling: the `scale` and `shift` that make sigmoid(scale * score + shift) a
    calibrated probability on these (cross-validated) scores, by Newton's method on the log
    loss, with Platt's smoothed targets so that separable scores do not run off to infinity."""
    positives = sum(labels)
    negatives = len(labels) - positives
    high = (positives + 1) / (positives + 2)
    low = 1 / (negatives + 2)
    targets = [high if label else low for label in labels]
    scale, shift = 0.0, math.log((positives + 1) / (negatives + 1))
    for _ in range(100):
        gradient_scale = gradient_shift = 0.0
        h_ss = h_sb = h_bb = 1e-12
        for score, target in zip(scores, targets, strict=True):
            p = sigmoid(scale * score + shift)
            error = p - target
            weight = max(p * (1 - p), 1e-12)
            gradient_scale += error * score
            gradient_shift += error
            h_ss += weight * score * score
            h_sb += weight * score
            h_bb += weight
        determinant = h_ss * h_bb - h_sb * h_sb
        if determinant <= 0:
            break
        step_scale = (h_bb * gradient_scale - h_sb * gradient_shift) / determinant
        step_shift = (h_ss * gradient_shift - h_sb * gradient_scale) / determinant
        scale, shift = scale - step_scale, shift - step_shift
        if abs(step_scale) < 1e-9 and abs(step_shift) < 1e-9:
            break
    return scale, shift


@cache
def bundled_model() -> NaiveBayes:
    """The shipped model (loaded once)."""
    with MODEL_PATH.open(encoding="utf-8") as handle:
        return NaiveBayes.from_json(json.load(handle))


def danger_probability(words: Sequence[Word]) -> float:
    """The shipped model's probability that these words are a danger message.

    Sentence by sentence, the highest: naive Bayes adds evidence up, so a long calm message
    would otherwise drift to an extreme on its length alone.
    """
    model = bundled_model()
    sentences: dict[int, list[Word]] = {}
    for word in words:
        sentences.setdefault(word.sentence, []).append(word)
    return max((model.probability(features(part)) for part in sentences.values()), default=0.0)


def threshold() -> float:
    """The probability above which the model alone screens a message as UNSURE."""
    return bundled_model().threshold
