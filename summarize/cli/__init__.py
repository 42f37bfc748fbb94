"""The command lines: `summarize` (argparse, fast start-up), `newsdesk` and `newsdesk eval` (click).

The top of the one-way flow: cli -> library / ingest / evaluation -> core. Nothing imports it
but the entry points and `tui/__main__.py`.
"""
