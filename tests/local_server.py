"""Old name of the test HTTP server: everything lives in `tests/httpserver.py` now."""

from __future__ import annotations

from httpserver import ARTICLE_HTML, Server, serve

__all__ = ["ARTICLE_HTML", "Server", "serve"]
