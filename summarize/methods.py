"""The method table: every summary method's name and description, the default first.

It lives apart from `summarize.summarizer` so that `summarize.sumy_adapter` can check its names
without importing the summarizer (which imports the adapter when a sumy method runs): no import
circle, and the default method never loads the adapter.
"""

from __future__ import annotations

from .errors import UnknownMethodError

DEFAULT_METHOD = "news"

SUMY_METHODS: dict[str, str] = {
    "lexrank": "sumy LexRank: sentence centrality in a TF-IDF cosine similarity graph",
    "textrank": "sumy TextRank: PageRank over a word-overlap sentence graph",
    "lsa": "sumy LSA: latent semantic analysis (singular value decomposition)",
    "luhn": "sumy Luhn: clusters of frequent significant words (1958)",
    "edmundson": "sumy Edmundson: cue words and sentence location (1969)",
    "kl": "sumy KL-Sum: greedy minimal KL divergence from the article's word distribution",
    "sumbasic": "sumy SumBasic: average word probability, down-weighting words already used",
    "reduction": "sumy Reduction: sum of a sentence's word-overlap edges",
    "random": "sumy Random: a shuffled baseline, seeded from the text (deterministic)",
}
"""The sumy algorithms `summarize.sumy_adapter` serves (imported only when one of them runs)."""

METHODS: dict[str, str] = {
    "news": "Newsdesk's default: the story's lead, unless other sentences clearly cover the story better",
    "lead": "the first N sentences (the Lead-N baseline)",
    **SUMY_METHODS,
}
"""Method name -> one-line description, in the order `available_methods()` lists them."""


def available_methods() -> dict[str, str]:
    """Every method's name and a one-line description, the default first."""
    return dict(METHODS)


def method_name(method: str | None) -> str:
    """The canonical name of `method` (None: the default); `UnknownMethodError` if there is none.

    The one place a method name is validated: the command lines and the library call this (or a
    function that does) and translate the error, they do not check names themselves.
    """
    name = (method if method is not None else DEFAULT_METHOD).strip().lower()
    if name not in METHODS:
        raise UnknownMethodError(f"unknown method {method!r}; choose one of: {', '.join(METHODS)}")
    return name
