"""The article library: one SQLite file (`Library`) and where it lives on disk.

It may import the core and `summarize.ingest`, never `summarize.cli`.
"""
