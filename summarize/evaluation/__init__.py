"""Measuring summaries (ROUGE) and key topics (keyphrase F1) on JSON Lines data.

It may import the core, never `summarize.library` or `summarize.cli`.
"""
