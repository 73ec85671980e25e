"""Text statistics: word and sentence counts, readability and the most common words."""

from collections import Counter
import re

try:
    from textkit._speedups import count_words as _count_words
    NATIVE = True
except ImportError:  # pragma: no cover - the pure Python fallback
    NATIVE = False

    def _count_words(text):
        return len(text.split())

__all__ = ["NATIVE", "Stats", "analyse"]

_WORD = re.compile(r"[A-Za-z']+")


class Stats:
    def __init__(self, words, sentences, syllables, common):
        self.words = words
        self.sentences = sentences
        self.syllables = syllables
        self.common = common

    @property
    def flesch(self):
        """Flesch reading ease, rounded to one decimal."""
        if not self.words or not self.sentences:
            return 0.0
        score = 206.835 - 1.015 * self.words / self.sentences - 84.6 * self.syllables / self.words
        return round(score, 1)


def _syllables(word):
    groups = re.findall(r"[aeiouy]+", word.lower())
    n = len(groups)
    if word.lower().endswith("e") and n > 1:
        n -= 1
    return max(n, 1)


def analyse(text, top=5):
    words = _WORD.findall(text)
    sentences = max(1, len(re.findall(r"[.!?]+", text)))
    common = Counter(w.lower() for w in words).most_common()
    common.sort(key=lambda kv: (-kv[1], kv[0]))
    return Stats(
        words=_count_words(text),
        sentences=sentences,
        syllables=sum(_syllables(w) for w in words),
        common=common[:top],
    )
