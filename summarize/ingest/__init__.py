"""Reading inputs into text and `Article` records: bytes, files, URLs, feeds and OPML.

The ingest wing sits between the command lines and the core: it may import the core
(`summarize.errors`, `summarize.sanitize`, ...), never `summarize.library` or `summarize.cli`.
"""
