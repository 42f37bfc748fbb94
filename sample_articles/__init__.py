"""Bundled sample articles (package data)."""
