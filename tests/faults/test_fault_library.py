"""Hostile inputs and hostile disks against the library: bad text, bad dates, a damaged file,
a read-only file or folder, a full disk. Real subprocesses, real SQLite files."""

from __future__ import annotations

import hashlib
import json
import os
import random
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import bind_read_only, newsdesk, one_line_error, remount_read_only
from summarize.ingest.articles import Article
from summarize.library.store import Library

NEW_TEXT = b"The ferry council met again on Tuesday. It agreed to a second boat for the winter.\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _json(proc: subprocess.CompletedProcess[bytes]) -> object:
    assert proc.returncode == 0, proc.stderr
    # surrogateescape: `add`'s JSON echoes its input's file name, bytes and all (not the
    # library's text, which these tests check).
    return json.loads(proc.stdout.decode("utf-8", "surrogateescape"))


# --- text SQLite cannot take, dates the calendar cannot hold (#3, #10) -----------------------------


def test_lone_surrogates_from_json_file_names_and_arguments_are_stored(tmp_path: Path) -> None:
    library = tmp_path / "lib.db"
    items = tmp_path / "items.json"
    items.write_bytes(b'[{"title": "Bad \\ud800 one", "body": "A \\ud800 b. The harbour opened."}]')
    odd_name = os.fsencode(tmp_path) + b"/caf\xe9 notes.txt"
    with open(odd_name, "wb") as f:
        f.write(b"The island school reopened on Monday. Pupils returned after a long summer.\n")
    proc = newsdesk(library, "add", str(items), odd_name, "--tag", b"t\xff", "--json")
    added = _json(proc)["added"]  # type: ignore[index]
    assert [a["created"] for a in added] == [True, True]
    assert added[0]["title"] == "Bad \ufffd one"
    shown = _json(newsdesk(library, "show", str(added[0]["id"]), "--json"))
    assert "A \ufffd b." in json.dumps(shown, ensure_ascii=False)
    for args in (["search", b"q\xff"], ["list", "--tag", b"t\xff"], ["list", "--feed", b"\xff"],
                 ["add", "-", "--title", b"T\xff"], ["feed", "add", "http://127.0.0.1:9/f",
                                                       "--name", b"N\xff"]):
        proc = newsdesk(library, *args, input=NEW_TEXT)
        assert proc.returncode == 0, (args, proc.stderr)
        assert b"Traceback" not in proc.stderr


def test_dates_outside_the_calendar_are_unknown_and_ages_are_clamped(tmp_path: Path) -> None:
    library = tmp_path / "lib.db"
    items = [{"title": f"Dated {d}", "body": f"Story {i}. It has two sentences.", "published": d}
             for i, d in enumerate(["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00"])]
    (tmp_path / "dated.json").write_text(json.dumps(items))
    added = _json(newsdesk(library, "add", str(tmp_path / "dated.json"), "--json"))["added"]  # type: ignore[index]
    assert len(added) == 2
    rows = _json(newsdesk(library, "list", "--since", "999999999d", "--json"))["articles"]  # type: ignore[index]
    dated = [r for r in rows if r["title"].startswith("Dated")]
    assert len(dated) == 2 and all(r["published"] is None for r in dated)


def test_a_huge_search_is_refused_in_one_line(tmp_path: Path) -> None:
    library = tmp_path / "lib.db"
    for query in ("word " * 2000, "the OR " * 2000):
        proc = newsdesk(library, "search", query, timeout=30)
        assert proc.returncode == 2
        assert "at most 32 words" in one_line_error(proc)


# --- a damaged file (#5) -----------------------------------------------------------------------------


@pytest.fixture
def damaged(tmp_path: Path) -> Path:
    """A library with 2,000 random bytes written over the middle of one of its pages."""
    path = tmp_path / "damaged.db"
    rng = random.Random(5)
    words = "harbour council ferry island plan port boat fare town river glacier".split()
    with Library(path) as lib:
        lib.add_many(Article(title=f"Story {i}", body=" ".join(rng.choices(words, k=300)) + ".")
                     for i in range(300))
    data = bytearray(path.read_bytes())
    page = 4096 * (len(data) // 4096 // 2)
    data[page + 100:page + 2100] = rng.randbytes(2000)
    path.write_bytes(bytes(data))
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] != "ok"
    conn.close()
    return path


@pytest.mark.parametrize("args", [["list"], ["search", "harbour"], ["show", "1"], ["show", "200"],
                                  ["list", "--json"], ["add", "-"], ["mark", "--read", "1"],
                                  ["rm", "2"], ["feed", "add", "http://127.0.0.1:9/f"]])
def test_a_damaged_file_is_never_modified(damaged: Path, args: list[str]) -> None:
    before = _digest(damaged)
    proc = newsdesk(damaged, *args, input=NEW_TEXT)
    assert b"Traceback" not in proc.stderr
    assert _digest(damaged) == before
    if args[0] in ("add", "mark", "rm", "feed"):
        assert proc.returncode == 1
        err = one_line_error(proc)
        assert "damaged" in err and "nothing was written" in err and "export" in err


# --- read-only and full file systems (#20) -----------------------------------------------------------


@pytest.fixture
def small_library(tmpfs: Path) -> Iterator[Path]:
    path = tmpfs / "lib.db"
    Library(path).close()  # seeded with the samples; closed, so no -wal or -shm is left
    yield path


def test_a_read_only_file_can_be_read_and_refuses_writes(small_library: Path) -> None:
    before = _digest(small_library)
    bind_read_only(small_library)
    try:
        show = newsdesk(small_library, "show", "1")
        assert show.returncode == 0, show.stderr
        assert show.stdout.strip()
        assert newsdesk(small_library, "list").returncode == 0
        proc = newsdesk(small_library, "add", "-", input=NEW_TEXT)
        assert proc.returncode == 1
        assert "read-only" in one_line_error(proc)
    finally:
        subprocess.run(["umount", str(small_library)], capture_output=True, timeout=30)
    assert _digest(small_library) == before


def test_a_library_in_a_read_only_folder_can_be_read(small_library: Path) -> None:
    remount_read_only(small_library.parent)
    listed = _json(newsdesk(small_library, "list", "--json"))["articles"]  # type: ignore[index]
    assert listed
    assert newsdesk(small_library, "show", str(listed[0]["id"])).returncode == 0
    assert newsdesk(small_library, "search", "council").returncode == 0
    proc = newsdesk(small_library, "mark", "--read", str(listed[0]["id"]))
    assert proc.returncode == 1 and "read-only" in one_line_error(proc)


def test_show_works_on_a_full_disk_and_writes_fail_cleanly(small_library: Path) -> None:
    before = _digest(small_library)
    filler = small_library.parent / "filler"
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    show = newsdesk(small_library, "show", "1")
    assert show.returncode == 0, show.stderr
    proc = newsdesk(small_library, "add", "-", input=NEW_TEXT)
    assert proc.returncode == 1
    assert "full" in one_line_error(proc)
    filler.unlink()
    assert _json(newsdesk(small_library, "list", "--json"))["articles"]  # type: ignore[index]
    assert _digest(small_library) == before


# --- OPML in other encodings (#6, #14) ---------------------------------------------------------------

_OPML = ('<?xml version="1.0" encoding="{enc}"?><opml version="2.0"><head><title>Abos</title>'
         '</head><body><outline text="Café über" xmlUrl="http://127.0.0.1:9/feed"/></body></opml>')


@pytest.mark.parametrize(("declared", "codec"), [("ISO-8859-1", "latin-1"), ("UTF-32", "utf-32"),
                                                 ("UTF-32", "utf-32-le")])
def test_opml_import_decodes_its_declared_encoding_once(
    tmp_path: Path, declared: str, codec: str
) -> None:
    library = tmp_path / "lib.db"
    opml = tmp_path / "subs.opml"
    opml.write_bytes(_OPML.format(enc=declared).encode(codec))
    proc = newsdesk(library, "opml", "import", str(opml))
    assert proc.returncode == 0, proc.stderr
    feeds = _json(newsdesk(library, "feed", "list", "--json"))
    assert "Café über" in json.dumps(feeds, ensure_ascii=False)
    assert "CafÃ" not in json.dumps(feeds, ensure_ascii=False)


def test_opml_in_utf32_without_a_declaration_or_bom_is_a_clear_error(tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_bytes(_OPML.format(enc="UTF-32").split("?>", 1)[1].encode("utf-32-le"))
    proc = newsdesk(tmp_path / "lib.db", "opml", "import", str(opml))
    assert proc.returncode == 1
    assert "not text" in one_line_error(proc)
