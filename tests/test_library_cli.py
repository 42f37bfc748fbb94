"""`newsdesk` library commands as real subprocesses: JSON read back, exit codes, safe output."""

from __future__ import annotations

import hashlib
import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from summarize.ingest.articles import sample_article_paths

SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"

CLI = [sys.executable, "-c", "from summarize.cli.newsdesk_cmd import main; main()"]
READER_PROBE = (
    "import json, sys\n"
    "from summarize.cli.newsdesk_cmd import build_cli\n"
    "build_cli(lambda path, text: print(json.dumps([str(path), text])))()\n"
)
EVIL_TITLE = "[bold red]pwned[/bold red] \x1b]52;c;ZXZpbA==\x07\x1b[2J done"
EVIL_BODY = (
    "The council met on Monday [link=https://evil.example]click[/link] to vote. "
    "Members \x1b[31mapproved\x1b[0m the plan after a long debate. "
    "The mayor said the work starts in spring."
)


def run(library: Path, *args: str, input: str | bytes | None = None,
        cmd: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library), COLUMNS="200")
    data = input.decode("utf-8") if isinstance(input, bytes) else input
    return subprocess.run([*(cmd or CLI), *args], input=data, capture_output=True, text=True,
                          env=env, timeout=120)


def run_json(library: Path, *args: str, input: str | None = None) -> Any:
    proc = run(library, *args, "--json", input=input)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def assert_one_line_error(proc: subprocess.CompletedProcess[str], code: int, *needles: str) -> None:
    assert proc.returncode == code, (proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) >= 1 and all(line.startswith("newsdesk: error: ") for line in lines), proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in proc.stderr


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    return tmp_path / "library.db"


def test_first_list_shows_the_seeded_samples_as_json(lib: Path) -> None:
    data = run_json(lib, "list")
    assert data["version"] == 1
    assert data["total"] == len(sample_article_paths()) == len(data["articles"])
    first = data["articles"][0]
    assert set(first) == {"id", "title", "source", "url", "published", "added", "read", "starred",
                          "tags", "feed"}
    dates = [a["published"] or a["added"] for a in data["articles"]]
    assert dates[0] >= dates[-1]


def test_library_option_wins_over_environment(tmp_path: Path) -> None:
    env_lib, opt_lib = tmp_path / "env.db", tmp_path / "opt.db"
    proc = run(env_lib, "--library", str(opt_lib), "list", "--limit", "1")
    assert proc.returncode == 0, proc.stderr
    assert opt_lib.exists() and not env_lib.exists()


def test_add_files_json_and_stdin_with_options(lib: Path, tmp_path: Path) -> None:
    sample = SAMPLES / "seed-kazakhstan-un.txt"
    text_file = tmp_path / "note.txt"
    text_file.write_text("Harbour works begin\n\nThe harbour works begin on Monday. "
                         "Boats will moor at the north quay for a month.\n", encoding="utf-8")
    items = [{"title": "From JSON one", "body": "The first JSON article has two sentences. Here."},
             {"title": "From JSON two", "text": "A second JSON article. It also has two.",
              "url": "https://example.org/two", "tags": "json, test"}]
    json_file = tmp_path / "items.json"
    json_file.write_text(json.dumps(items), encoding="utf-8")
    data = run_json(lib, "add", str(text_file), str(json_file), "--tag", "mine")
    assert [a["created"] for a in data["added"]] == [True, True, True]
    assert [a["title"] for a in data["added"]] == ["Harbour works begin", "From JSON one",
                                                  "From JSON two"]
    # The seeded sample again: already there, same id.
    again = run_json(lib, "add", str(sample))
    assert again["added"][0]["created"] is False
    seeded = run_json(lib, "search", "Imnadze")["hits"][0]["id"]
    assert again["added"][0]["id"] == seeded
    # Standard input, with overrides.
    piped = run_json(lib, "add", "-", "--title", "Piped", "--source", "Pipe Times",
                     "--url", "https://example.org/p", input="Text from a pipe. It is short.")
    new_id = piped["added"][0]["id"]
    shown = run_json(lib, "show", str(new_id))
    assert shown["article"]["title"] == "Piped"
    assert shown["article"]["source"] == "Pipe Times"
    assert shown["article"]["url"] == "https://example.org/p"
    tagged = run_json(lib, "list", "--tag", "mine")
    assert {a["title"] for a in tagged["articles"]} == {"Harbour works begin", "From JSON one",
                                                       "From JSON two"}
    assert {"json", "test", "mine"} <= set(
        next(a for a in tagged["articles"] if a["title"] == "From JSON two")["tags"])


def test_add_html_and_markdown_samples_to_an_empty_library(lib: Path, tmp_path: Path) -> None:
    run(lib, "rm", *[str(i) for i in range(1, 40)])
    html = SAMPLES / "html-calderwick-port-expansion.html"
    md = SAMPLES / "markdown-heat-pump-costs.md"
    data = run_json(lib, "add", str(html), str(md))
    assert all(a["created"] for a in data["added"])
    html_article = run_json(lib, "show", str(data["added"][0]["id"]))["article"]
    assert "Calderwick" in html_article["title"]
    assert "<" not in html_article["body"] and "cookie" not in html_article["body"].lower()
    md_article = run_json(lib, "show", str(data["added"][1]["id"]))["article"]
    assert "**" not in md_article["body"] and "](" not in md_article["body"]


def test_add_reports_a_bad_input_and_keeps_the_good_ones(lib: Path, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("A good article. With two sentences.", encoding="utf-8")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    proc = run(lib, "add", str(tmp_path / "missing.txt"), str(binary), str(good))
    assert_one_line_error(proc, 1, "missing.txt: no such file", "photo.txt: binary")
    assert "added" in proc.stdout and "good" not in proc.stderr
    assert run_json(lib, "search", "good article")["hits"]


def test_add_json_of_a_file_name_that_is_not_utf8_is_valid_json(lib: Path, tmp_path: Path) -> None:
    """The name's undecodable byte is a JSON escape, as `summarize --json` writes it, so the
    output is UTF-8 that any JSON reader takes (it used to hold the raw byte)."""
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = dict(os.environ, NEWSDESK_LIBRARY=str(lib))
    proc = subprocess.run([*CLI, "add", "--json", name], capture_output=True, cwd=tmp_path,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout.decode("utf-8"))  # strict: raises on the raw byte
    assert data["added"][0]["input"] == name
    summarized = subprocess.run([sys.executable, "-m", "summarize.cli.summarize_cmd", "--json", name],
                                capture_output=True, cwd=tmp_path, timeout=120)
    assert json.loads(summarized.stdout.decode("utf-8"))["input"] == name


def test_add_json_lines_from_stdin(lib: Path) -> None:
    lines = "\n".join(json.dumps({"title": f"Line {i}", "body": f"Story number {i} is here. Yes."})
                      for i in range(3))
    data = run_json(lib, "add", "-", input=lines + "\n")
    assert [a["title"] for a in data["added"]] == ["Line 0", "Line 1", "Line 2"]
    assert all(a["created"] for a in data["added"])


def test_add_bad_json_is_an_input_error(lib: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('[{"title": "no body"}]', encoding="utf-8")
    assert_one_line_error(run(lib, "add", str(bad)), 1, "no body")
    broken = tmp_path / "broken.json"
    broken.write_text('{"title": ', encoding="utf-8")
    assert_one_line_error(run(lib, "add", str(broken)), 1, "invalid JSON")


def test_show_json_has_summary_and_topics(lib: Path) -> None:
    hit = run_json(lib, "search", "Kazakhstan UN")["hits"][0]
    data = run_json(lib, "show", str(hit["id"]), "-n", "2", "-k", "4")
    assert data["version"] == 1
    body = data["article"]["body"]
    sentences = data["summary"]["sentences"]
    assert 1 <= len(sentences) <= 2
    for s in sentences:
        assert body[s["start"]:s["end"]] == s["text"]
    assert [s["index"] for s in sentences] == sorted(s["index"] for s in sentences)
    assert 1 <= len(data["topics"]) <= 4 and all(t["label"] for t in data["topics"])
    text = run(lib, "show", str(hit["id"]), "-n", "2")
    assert text.returncode == 0
    assert "Summary:" in text.stdout and sentences[0]["text"] in text.stdout
    assert body.splitlines()[0] in text.stdout


def test_search_json_highlights_point_at_the_match(lib: Path) -> None:
    data = run_json(lib, "search", "lithium")
    assert data["version"] == 1 and data["query"] == "lithium"
    assert data["hits"]
    hit = data["hits"][0]
    assert hit["highlights"]
    for start, end in hit["highlights"]:
        assert hit["snippet"][start:end].lower() == "lithium"
    assert "\x02" not in hit["snippet"] and "\x03" not in hit["snippet"]
    # Broken FTS syntax is searched as words, not an error.
    assert run(lib, "search", '"lithium AND (').returncode == 0
    assert run_json(lib, "search", "zzzznotthere")["hits"] == []


def test_mark_rm_and_their_errors(lib: Path) -> None:
    ids = [a["id"] for a in run_json(lib, "list", "--limit", "3")["articles"]]
    proc = run(lib, "mark", str(ids[0]), str(ids[1]), "--read", "--star")
    assert proc.returncode == 0 and "marked 2 articles" in proc.stdout
    data = run_json(lib, "list", "--starred")
    assert {a["id"] for a in data["articles"]} == {ids[0], ids[1]}
    assert all(a["read"] for a in data["articles"])
    assert ids[0] not in {a["id"] for a in run_json(lib, "list", "--unread")["articles"]}
    assert_one_line_error(run(lib, "mark", str(ids[0])), 2, "--read")
    assert_one_line_error(run(lib, "mark", "9999", "--read"), 1, "no article with id 9999")
    assert_one_line_error(run(lib, "mark", "abc", "--read"), 2, "not an article id")
    proc = run(lib, "rm", str(ids[2]), "9998")
    assert_one_line_error(proc, 1, "9998")
    assert "removed 1 article" in proc.stdout
    assert ids[2] not in {a["id"] for a in run_json(lib, "list")["articles"]}
    assert_one_line_error(run(lib, "show", str(ids[2])), 1, f"no article with id {ids[2]}")


def test_list_filters_since_topic_and_usage_errors(lib: Path) -> None:
    recent = run_json(lib, "list", "--since", "2026-01-01")["articles"]
    assert recent and all((a["published"] or "")[:4] == "2026" for a in recent)
    topic = run_json(lib, "list", "--topic", "Central Asia")["articles"]
    assert any("Kazakhstan" in a["title"] for a in topic)
    assert_one_line_error(run(lib, "list", "--since", "yesterday-ish"), 2, "--since")
    assert_one_line_error(run(lib, "list", "--bogus"), 2, "--bogus")
    assert_one_line_error(run(lib, "show"), 2)


def test_export_jsonl_and_markdown_digest(lib: Path, tmp_path: Path) -> None:
    run(lib, "add", "-", "--title", "[Click](javascript:alert(1)) *bold*",
        "--url", "javascript:alert(1)", input="A story with a tricky title. It is short.")
    proc = run(lib, "export", "--format", "jsonl")
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(records) == len(sample_article_paths()) + 1
    assert all(r["version"] == 1 and r["body"] and r["title"] for r in records)
    out = tmp_path / "digest.md"
    proc = run(lib, "export", "--format", "markdown", "--limit", "3", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    digest = out.read_text(encoding="utf-8")
    assert digest.startswith("# Newsdesk digest")
    assert digest.count("\n## ") == 3
    assert "**Topics:**" in digest
    assert "javascript:" not in digest.replace("javascript:alert\\(1\\)", "")
    assert "\\[Click\\]" in digest and "\\*bold\\*" in digest


def test_not_a_library_is_refused_without_touching_it(lib: Path, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("my precious notes\n" * 100, encoding="utf-8")
    before = hashlib.sha256(other.read_bytes()).hexdigest()
    proc = run(lib, "--library", str(other), "list")
    assert_one_line_error(proc, 1, str(other), "not a Newsdesk library")
    assert hashlib.sha256(other.read_bytes()).hexdigest() == before


def test_untrusted_text_is_not_markup_or_escapes_in_a_pipe(lib: Path) -> None:
    added = run_json(lib, "add", "-", "--title", EVIL_TITLE, input=EVIL_BODY)["added"][0]
    listing = run(lib, "list")
    assert "[bold red]pwned[/bold red]" in listing.stdout
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout
    shown = run(lib, "show", str(added["id"]))
    assert "[link=https://evil.example]click[/link]" in shown.stdout
    assert "\x1b" not in shown.stdout


def _run_in_terminal(library: Path, *args: str) -> str:
    """Run the command with a real pseudo-terminal as stdout/stderr; return what it drew."""
    main, child = pty.openpty()
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library), COLUMNS="160", LINES="50",
               TERM="xterm-256color")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([*CLI, *args], stdin=subprocess.DEVNULL, stdout=child, stderr=child,
                            env=env)
    os.close(child)
    chunks = []
    while True:
        ready, _, _ = select.select([main], [], [], 60)
        if not ready:
            break
        try:
            data = os.read(main, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(main)
    assert proc.returncode == 0
    return b"".join(chunks).decode("utf-8", "replace")


def test_untrusted_text_is_not_markup_or_escapes_on_a_terminal(lib: Path) -> None:
    added = run_json(lib, "add", "-", "--title", EVIL_TITLE, input=EVIL_BODY)["added"][0]
    for args in (["list"], ["show", str(added["id"])], ["search", "council"]):
        screen = _run_in_terminal(lib, *args)
        assert "[bold red]pwned[/bold red]" in screen, args
        assert "]52;" not in screen and "\x1b[2J" not in screen and "\x07" not in screen
        if args[0] == "show":
            assert "[link=https://evil.example]click[/link]" in screen
            assert "\x1b]8;" not in screen  # no hyperlink escape was made from the body


def test_no_command_opens_the_reader_with_piped_text(lib: Path) -> None:
    cmd = [sys.executable, "-c", READER_PROBE]
    proc = run(lib, input="A piped story. Two sentences.", cmd=cmd)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == [str(lib), "A piped story. Two sentences."]
    proc = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=dict(os.environ, NEWSDESK_LIBRARY=str(lib)), timeout=60)
    assert json.loads(proc.stdout) == [str(lib), None]


def test_without_a_reader_the_bare_command_is_a_usage_error(lib: Path) -> None:
    proc = subprocess.run(CLI, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          env=dict(os.environ, NEWSDESK_LIBRARY=str(lib)), timeout=60)
    assert_one_line_error(proc, 2, "no reader")


def test_eval_group_and_help_are_registered(lib: Path) -> None:
    proc = run(lib, "--help")
    assert proc.returncode == 0
    for name in ("add", "list", "search", "show", "mark", "rm", "export", "feed", "fetch", "opml",
                 "eval"):
        assert f"  {name}" in proc.stdout
    assert run(lib, "eval", "--help").returncode == 0


# --- one ingestion path (issue 9) ---------------------------------------------------------------

SEED = SAMPLES / "seed-kazakhstan-un.txt"
MARKDOWN = SAMPLES / "markdown-heat-pump-costs.md"
RECORD = ("title", "source", "published", "author", "language", "tags", "body")


def _empty_library(path: Path) -> Path:
    from summarize.library.store import Library

    Library(path, seed=False).close()
    return path


def _record(path: Path, article_id: int) -> dict[str, Any]:
    from summarize.library.store import Library

    with Library(path, seed=False) as library:
        article = library.get(article_id)
    return {field: getattr(article, field) for field in RECORD} | {"url": article.url}


def test_the_seed_file_is_the_same_record_through_every_door(tmp_path: Path, http_server: Any) -> None:
    from summarize.library.store import Library
    from tui.sources import article_from_spec, piped_article

    records = {}
    # `newsdesk add FILE`
    cli_lib = _empty_library(tmp_path / "cli.db")
    added = run_json(cli_lib, "add", str(SEED))["added"][0]
    records["newsdesk add"] = _record(cli_lib, added["id"])
    # the same file served over HTTP
    url = http_server.serve_file("/seed-kazakhstan-un.txt", SEED, "text/plain; charset=utf-8")
    url_lib = _empty_library(tmp_path / "url.db")
    records["URL"] = _record(url_lib, run_json(url_lib, "add", url)["added"][0]["id"])
    # the reader's add dialog and piped text
    for door, article in (("add dialog", article_from_spec(str(SEED))),
                          ("piped text", piped_article(SEED.read_text(encoding="utf-8")))):
        path = _empty_library(tmp_path / f"{door.replace(' ', '-')}.db")
        with Library(path, seed=False) as library:
            article_id = library.add(article).id
        records[door] = _record(path, article_id)
    # the sample loader (a new library's seed)
    seeded = tmp_path / "seeded.db"
    with Library(seeded) as library:
        seed_id = next(r.id for r in library.list() if r.title == records["newsdesk add"]["title"])
    records["sample loader"] = _record(seeded, seed_id)

    expected = records["newsdesk add"]
    assert expected["source"] == "nCa" and expected["published"] == "2024-02-21"
    assert expected["tags"] == ("central asia", "diplomacy", "united nations")
    assert records["URL"].pop("url") == url
    for door, record in records.items():
        record.pop("url", None)
        assert record == {k: v for k, v in expected.items() if k != "url"}, door


def test_markdown_is_stored_reduced_and_re_adding_it_is_the_same_article(
    lib: Path, http_server: Any
) -> None:
    listing = run_json(lib, "list")["articles"]
    md_id = next(a["id"] for a in listing if a["title"].startswith("What a heat pump really costs"))
    body = run_json(lib, "show", str(md_id), "-k", "0")["article"]["body"]
    assert "How much does it cost to install?" in body
    assert not [line for line in body.splitlines() if line.lstrip().startswith("#")]
    again = run_json(lib, "add", str(MARKDOWN))["added"][0]
    assert again == again | {"id": md_id, "created": False}
    url = http_server.serve_file("/heat-pump-costs.md", MARKDOWN, "text/markdown; charset=utf-8")
    served = run_json(lib, "add", url)["added"][0]
    assert served["id"] == md_id and served["created"] is False
    assert run_json(lib, "list")["total"] == len(listing)


def test_adding_stored_text_with_a_tag_or_title_updates_the_stored_article(lib: Path) -> None:
    seed_id = run_json(lib, "search", "Imnadze")["hits"][0]["id"]
    proc = run(lib, "add", str(SEED), "--tag", "briefing", "--title", "UN envoy in Astana")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"updated\t{seed_id}\tUN envoy in Astana")
    shown = run_json(lib, "show", str(seed_id), "-k", "0")["article"]
    assert shown["title"] == "UN envoy in Astana"
    assert set(shown["tags"]) == {"briefing", "central asia", "diplomacy", "united nations"}
    # Nothing new to apply: said plainly.
    proc = run(lib, "add", str(SEED), "--tag", "briefing")
    assert proc.stdout.startswith(f"exists\t{seed_id}\t")
    assert run_json(lib, "add", str(SEED), "--tag", "again")["added"][0]["updated"] == ["tags"]


def test_deeply_nested_json_is_a_clear_input_error(lib: Path, tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, encoding="utf-8")
    assert_one_line_error(run(lib, "add", str(deep)), 1, "deep.json", "nested too deeply")
    deep_object = tmp_path / "deep-object.json"
    deep_object.write_text('{"body": ' + "[" * 5000 + "]" * 5000 + "}", encoding="utf-8")
    assert_one_line_error(run(lib, "add", str(deep_object)), 1, "nested too deeply")


# --- command-line behaviour (issues 9 and 10) ---------------------------------------------------


@pytest.mark.parametrize("group", ["feed", "opml", "eval"])
def test_a_group_without_its_subcommand_prints_its_help_and_exits_2(lib: Path, group: str) -> None:
    proc = run(lib, group)
    assert proc.returncode == 2
    assert proc.stderr == ""
    lines = proc.stdout.splitlines()
    assert lines[0].startswith(f"Usage: newsdesk {group} ")
    assert "Commands:" in lines and len(lines) > 5


def test_contradicting_mark_flags_are_usage_errors(lib: Path) -> None:
    assert_one_line_error(run(lib, "mark", "1", "--read", "--unread"), 2, "--read", "--unread")
    assert_one_line_error(run(lib, "mark", "1", "--unstar", "--star"), 2, "--star", "--unstar")
    assert run_json(lib, "show", "1", "-k", "0")["article"]["read"] is False


def test_a_library_in_a_missing_directory_is_an_error_and_creates_nothing(tmp_path: Path) -> None:
    target = tmp_path / "no-such-dir" / "library.db"
    for args in (["--library", str(target), "list"], ["list"]):
        env_lib = target if args == ["list"] else tmp_path / "unused.db"
        assert_one_line_error(run(env_lib, *args), 1, "no-such-dir")
        assert not target.parent.exists()
    proc = run(tmp_path / "unused.db", "--library", str(target), cmd=[sys.executable, "-c",
                                                                       READER_PROBE])
    assert_one_line_error(proc, 1, "no-such-dir")
    assert not target.parent.exists()


def test_search_without_hits_says_so_on_stderr(lib: Path) -> None:
    proc = run(lib, "search", "zqxvbnmw")
    assert proc.returncode == 0 and proc.stdout == ""
    assert proc.stderr == "newsdesk: no matches for 'zqxvbnmw'\n"
    assert run_json(lib, "search", "zqxvbnmw")["hits"] == []


def test_mutating_commands_speak_json(lib: Path, tmp_path: Path) -> None:
    ids = [a["id"] for a in run_json(lib, "list", "--limit", "2")["articles"]]
    assert run_json(lib, "mark", str(ids[0]), "--star") == {
        "version": 1, "marked": [ids[0]], "missing": []}
    proc = run(lib, "rm", str(ids[1]), "9999", "--json")
    assert proc.returncode == 1 and "no article with id 9999" in proc.stderr
    assert json.loads(proc.stdout) == {"version": 1, "removed": [ids[1]], "missing": [9999]}
    feed = run_json(lib, "feed", "add", "https://news.example/rss", "--name", "News")["feed"]
    assert feed["url"] == "https://news.example/rss" and feed["name"] == "News"
    assert run_json(lib, "feed", "rm", "News") == {"version": 1, "removed": ["News"],
                                                   "missing": []}


def test_feed_urls_differing_in_scheme_case_are_one_feed_and_bad_ports_are_refused(
    lib: Path,
) -> None:
    first = run_json(lib, "feed", "add", "HTTP://News.Example/rss")["feed"]
    second = run_json(lib, "feed", "add", "http://news.example/rss")["feed"]
    assert first["id"] == second["id"] and first["url"] == "http://news.example/rss"
    assert_one_line_error(run(lib, "feed", "add", "http://news.example:99999/rss"), 1, "port")
    proc = run(lib, "feed", "list")
    assert proc.stdout.count("\n") == 1 and "\t0 articles\t" in proc.stdout


def test_feed_list_says_1_article(lib: Path, tmp_path: Path) -> None:
    from summarize.ingest.articles import Article
    from summarize.library.store import Library

    run(lib, "feed", "add", "https://news.example/rss", "--name", "News")
    with Library(lib) as library:
        library.add(Article(title="One", body="One story from the feed. It is short.",
                            feed_id=library.get_feed("News").id))
    assert "\t1 article\t" in run(lib, "feed", "list").stdout


def _opml(path: Path, *outlines: tuple[str, str]) -> Path:
    body = "".join(f'<outline text="{title}" xmlUrl="{url}"/>' for title, url in outlines)
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><head/><body>{body}</body></opml>',
                    encoding="utf-8")
    return path


def test_opml_import_reports_rejections_keeps_names_and_exits_1(lib: Path, tmp_path: Path) -> None:
    run(lib, "feed", "add", "https://news.example/rss", "--name", "My name")
    subs = _opml(tmp_path / "subs.opml", ("Their title", "HTTPS://news.example/rss"),
                 ("Gopher", "gopher://old.example/feed"), ("Port", "http://x.example:99999/f"),
                 ("Good", "https://good.example/feed"))
    proc = run(lib, "opml", "import", str(subs))
    assert proc.returncode == 1
    assert "imported 1 new feed (4 in the file, 2 rejected)" in proc.stdout
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 2 and all(e.startswith(f"newsdesk: error: {subs}: ") for e in errors)
    feeds = {f["url"]: f["name"] for f in run_json(lib, "feed", "list")["feeds"]}
    assert feeds == {"https://news.example/rss": "My name", "https://good.example/feed": "Good"}
    # --rename asks for it; --json reports each outline.
    proc = run(lib, "opml", "import", str(subs), "--rename", "--json")
    assert proc.returncode == 1
    data = json.loads(proc.stdout)
    assert data["added"] == [] and len(data["known"]) == 2 and len(data["rejected"]) == 2
    feeds = {f["url"]: f["name"] for f in run_json(lib, "feed", "list")["feeds"]}
    assert feeds["https://news.example/rss"] == "Their title"


def test_opml_import_of_nothing_but_errors_exits_1_naming_the_file(lib: Path, tmp_path: Path) -> None:
    bad = _opml(tmp_path / "bad.opml", ("FTP", "ftp://files.example/feed"))
    proc = run(lib, "opml", "import", str(bad))
    assert_one_line_error(proc, 1, f"{bad}: ftp://files.example/feed")
    assert "imported 0 new feeds" in proc.stdout
    assert_one_line_error(run(lib, "opml", "import", str(tmp_path / "gone.opml")), 1,
                          "gone.opml: no such file")
    not_opml = tmp_path / "feed.xml"
    not_opml.write_text("<rss/>", encoding="utf-8")
    assert_one_line_error(run(lib, "opml", "import", str(not_opml)), 1, "feed.xml: not OPML")


def test_huge_ids_and_limits_are_usage_errors(lib: Path) -> None:
    big = str(2**63)
    for args in (["show", big], ["rm", big], ["mark", big, "--read"]):
        assert_one_line_error(run(lib, *args), 2, "not an article id")
    assert_one_line_error(run(lib, "feed", "rm", big), 1, "no feed")
    for args in (["list", "--limit", str(10**30)], ["search", "x", "--limit", str(10**30)],
                 ["show", "1", "-k", str(10**30)]):
        assert_one_line_error(run(lib, *args), 2, str(10**30))
    assert run_json(lib, "list", "--limit", str(2**63 - 1))["total"] == len(sample_article_paths())


def test_export_into_a_closed_pipe_exits_0(lib: Path) -> None:
    env = dict(os.environ, NEWSDESK_LIBRARY=str(lib))
    proc = subprocess.run(
        ["bash", "-c", 'set -o pipefail; "$@" export | head -c 10 >/dev/null', "_", *CLI],
        capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


# --- export -o (issue 10 #2) --------------------------------------------------------------------


def _export_to(lib: Path, target: Path | str) -> subprocess.CompletedProcess[str]:
    return run(lib, "export", "--limit", "2", "-o", str(target))


def test_export_replaces_a_regular_file_atomically_keeping_its_mode(lib: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    proc = _export_to(lib, target)
    assert proc.returncode == 0, proc.stderr
    lines = target.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all(json.loads(line)["version"] == 1 for line in lines)
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if "out.jsonl" in p.name] == ["out.jsonl"]


def test_export_never_follows_a_planted_part_file(lib: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n", encoding="utf-8")
    target = tmp_path / "out.jsonl"
    (tmp_path / "out.jsonl.part").symlink_to(victim)
    assert _export_to(lib, target).returncode == 0
    assert victim.read_text(encoding="utf-8") == "precious\n"
    assert len(target.read_text(encoding="utf-8").splitlines()) == 2


def test_export_writes_through_a_symlink_and_keeps_it(lib: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.jsonl"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(real)
    assert _export_to(lib, link).returncode == 0
    assert link.is_symlink()
    assert len(real.read_text(encoding="utf-8").splitlines()) == 2


def test_export_writes_into_a_fifo_and_keeps_it(lib: Path, tmp_path: Path) -> None:
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = _export_to(lib, fifo)
    reader.join(timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert len(received[0].decode().splitlines()) == 2


def test_export_to_a_full_device_is_an_error_and_leaves_the_device(
    lib: Path, full_device: Path
) -> None:
    import stat

    assert_one_line_error(_export_to(lib, full_device), 1, str(full_device), "No space left")
    assert stat.S_ISCHR(os.lstat(full_device).st_mode)


def test_export_refuses_a_read_only_file(lib: Path, tmp_path: Path) -> None:
    target = tmp_path / "keep.jsonl"
    target.write_text("keep me\n", encoding="utf-8")
    target.chmod(0o444)
    assert_one_line_error(_export_to(lib, target), 1, str(target), "read-only")
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("command", [["add", "https://example.org/a"], ["fetch"],
                                     ["opml", "import", "subs.opml"]])
@pytest.mark.parametrize("value", ["inf", "1e308", "nan", "-1", "0", "soon"])
def test_a_timeout_that_is_not_a_time_limit_is_a_usage_error(
    lib: Path, command: list[str], value: str
) -> None:
    """The same check as `summarize --timeout` (`cli.common.check_timeout`): exit 2, nothing done."""
    assert_one_line_error(run(lib, *command, "--timeout", value), 2, "--timeout", value)


@pytest.mark.parametrize("command", [["show", "1", "--no-text"], ["export", "--format", "markdown"]])
def test_a_bad_summary_length_is_the_cores_usage_error(lib: Path, command: list[str]) -> None:
    """`-n` is checked once, by the core (`SummaryLength`), in the same words as `summarize -n 0`;
    nothing is printed before the error."""
    proc = run(lib, *command, "-n", "0")
    assert_one_line_error(proc, 2, "sentences must be a whole number of at least 1, not 0")
    assert proc.stdout == ""
