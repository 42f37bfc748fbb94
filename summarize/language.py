"""Languages: names and ISO codes, detection, stop words and stemmers, all offline.

Stop words come from the lists sumy ships (read as package data: `import sumy` is a bare module,
nothing of NLTK); stemmers are Snowball's, through PyStemmer, so our own methods never import
NLTK. Detection scores the share of each language's stop words among the text's first words: on
news prose of a sentence or more it is reliable, and it costs microseconds.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from functools import lru_cache

TYPE_CHECKING = False  # typing costs start-up time; type checkers read this as True
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from ._record import Record as NamedTuple

from .errors import UnsupportedLanguageError


class Language(NamedTuple):
    """A language Newsdesk supports end to end (segmenting, stemming, stop words, sumy)."""

    code: str
    name: str
    stemmer: str | None  # PyStemmer algorithm, or None for no stemming


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "english", "english"),
        Language("de", "german", "german"),
        Language("fr", "french", "french"),
        Language("es", "spanish", "spanish"),
        Language("it", "italian", "italian"),
        Language("pt", "portuguese", "portuguese"),
        Language("cs", "czech", "czech"),
        Language("sk", "slovak", None),
        Language("pl", "polish", "polish"),
        Language("sv", "swedish", "swedish"),
        Language("el", "greek", "greek"),
        Language("uk", "ukrainian", None),
    )
}
"""Supported languages by ISO 639-1 code."""

_ALIASES = {
    **{lang.name: lang.code for lang in LANGUAGES.values()},
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "ita": "it",
    "por": "pt", "ces": "cs", "cze": "cs", "slk": "sk", "slo": "sk", "pol": "pl", "swe": "sv",
    "ell": "el", "gre": "el", "ukr": "uk",
    "deutsch": "de", "français": "fr", "francais": "fr", "español": "es", "espanol": "es",
    "italiano": "it", "português": "pt", "portugues": "pt", "čeština": "cs", "slovenčina": "sk",
    "polski": "pl", "svenska": "sv", "ελληνικά": "el", "українська": "uk",
}

DEFAULT_LANGUAGE = "en"


def resolve_language(value: str | None) -> Language:
    """Turn a name or ISO code ("English", "en", "eng", "de-AT") into a `Language`."""
    if value is None:
        return LANGUAGES[DEFAULT_LANGUAGE]
    key = value.strip().lower().replace("_", "-")
    if key in LANGUAGES:
        return LANGUAGES[key]
    if key in _ALIASES:
        return LANGUAGES[_ALIASES[key]]
    base = key.split("-", 1)[0]
    if base in LANGUAGES:
        return LANGUAGES[base]
    supported = ", ".join(f"{lang.code} ({lang.name})" for lang in LANGUAGES.values())
    raise UnsupportedLanguageError(f"unsupported language {value!r}; supported: {supported}")


@lru_cache(maxsize=None)
def stop_words(code: str) -> frozenset[str]:
    """The lower-case stop words of a language (sumy's lists)."""
    lang = resolve_language(code)
    with open(os.path.join(_sumy_dir(), "data", "stopwords", f"{lang.name}.txt"), "rb") as f:
        data = f.read()
    words = frozenset(map(str.strip, data.decode("utf-8").splitlines()))  # map: quicker than a generator expression
    return words - {""}


@lru_cache(maxsize=None)
def stemmer(code: str) -> Callable[[str], str]:
    """A function stemming one lower-case word (identity where Snowball has no stemmer)."""
    lang = resolve_language(code)
    if lang.stemmer is None:
        return _identity
    import Stemmer  # C extension: imported when a stemmer is first needed

    impl = Stemmer.Stemmer(lang.stemmer)
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        try:
            return cache[word]
        except KeyError:
            result = cache[word] = str(impl.stemWord(word))
            return result

    return stem


@lru_cache(maxsize=1)
def _sumy_dir() -> str:
    """sumy's package folder, found without importing sumy (its import is ours to avoid).

    A plain walk of `sys.path` first: `importlib.util` and `pathlib` would cost a share of the
    one-shot command's start-up, and every ordinary install is a folder on `sys.path`.
    """
    for entry in sys.path:
        folder = os.path.join(entry or ".", "sumy")
        if os.path.isfile(os.path.join(folder, "__init__.py")):
            return folder
    import importlib.util  # zip imports and other finders

    spec = importlib.util.find_spec("sumy")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("sumy is not installed; reinstall newsdesk")
    return str(next(iter(spec.submodule_search_locations)))


def _identity(word: str) -> str:
    return word


_DETECT_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str, *, sample: int = 400) -> str:
    """The ISO code of the supported language whose stop words cover most of the text's words.

    Falls back to English when the text is too short or matches nothing.
    """
    words = [w.lower() for w in _DETECT_WORD.findall(text[:20000])[:sample]]
    if not words:
        return DEFAULT_LANGUAGE
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    best, best_score = DEFAULT_LANGUAGE, 0.0
    for code in LANGUAGES:
        hits = sum(map(counts.__getitem__, stop_words(code).intersection(counts)))  # C-speed
        score = hits / len(words)
        if score > best_score:
            best, best_score = code, score
    return best if best_score >= 0.05 else DEFAULT_LANGUAGE
