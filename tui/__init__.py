"""Newsdesk's reader: a Textual app over the article library (renders and reacts only)."""
