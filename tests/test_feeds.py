"""Feeds and OPML against a real HTTP server on 127.0.0.1, stored in real SQLite files."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from summarize.errors import InputError
from summarize.ingest.feeds import FeedError, html_to_text, parse_feed
from summarize.ingest.opml import format_opml, parse_opml
from summarize.library.store import ArticleQuery, Library

pytest.register_assert_rewrite("tests.httpserver")
from tests.httpserver import HTTPServer, Route  # noqa: E402

pytest_plugins = ["tests.httpserver"]

CLI = [sys.executable, "-c", "from summarize.cli.newsdesk_cmd import main; main()"]

PARAS = [
    "The harbour council voted on Monday to build a second pier for the island ferry.",
    "Work starts in April and should take two years, the council leader told reporters.",
    "Fishermen asked for a quieter berth, and the plan now moves the landing stage north.",
]

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Coast Herald</title><link>https://coast.example/</link><language>en</language>
  <item>
    <title>Council backs second pier &amp; new berth</title>
    <link>https://coast.example/pier</link>
    <guid>coast-1</guid>
    <author>desk@coast.example (Maria Okafor)</author>
    <pubDate>Mon, 02 Mar 2026 08:30:00 +0100</pubDate>
    <category>harbour</category>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>{0}</p><script>alert(1)</script><p>{1}</p><p>{2}</p>]]></content:encoded>
  </item>
  <item>
    <title>Ferry fares frozen for residents</title>
    <link>https://coast.example/fares</link>
    <guid>coast-2</guid>
    <pubDate>Sun, 01 Mar 2026 10:00:00 GMT</pubDate>
    <description>&lt;p&gt;Ferry fares for island residents will not rise this year, the operator said on Sunday after a month of talks.&lt;/p&gt;</description>
  </item>
</channel>
</rss>
""".format(*PARAS)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Glacier Watch</title>
  <link href="https://glacier.example/"/>
  <id>urn:glacier</id><updated>2026-02-10T12:00:00Z</updated>
  <entry>
    <title type="html">Microbes &lt;em&gt;thrive&lt;/em&gt; under the ice</title>
    <link href="https://glacier.example/microbes"/>
    <id>urn:glacier:1</id>
    <updated>2026-02-10T12:00:00Z</updated>
    <author><name>Lena Brandt</name></author>
    <content type="html">&lt;p&gt;Scientists found microbes living on rock dust beneath forty metres of ice.&lt;/p&gt;&lt;p&gt;The colonies grow slowly and survive for centuries, the team reported.&lt;/p&gt;</content>
  </entry>
</feed>
"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://mill.example/">
    <title>Millbrook Notes</title><link>https://mill.example/</link>
    <description>Local news</description>
    <items><rdf:Seq><rdf:li resource="https://mill.example/library"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://mill.example/library">
    <title>Old Mill library reopens</title>
    <link>https://mill.example/library</link>
    <description>The Old Mill library reopened on Saturday after three years of repairs to its roof and floors.</description>
    <dc:date>2025-09-06T09:00:00+02:00</dc:date>
    <dc:creator>Sam Reed</dc:creator>
  </item>
</rdf:RDF>
"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rss version="2.0"><channel><title>Bomb</title>
<item><title>&e;</title><link>https://bomb.example/1</link><description>&e;</description></item>
</channel></rss>
"""

MALFORMED = b"<html><body><h1>Not a feed</h1><p>Just a web page.</p></body></html>"

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Coast Herald</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> Subscribe now</nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<article><h1>{title}</h1>
{paragraphs}
</article>
<aside>Most read: Ten things to do this weekend. Sign up for our newsletter.</aside>
<footer>Copyright Coast Herald 2026. All rights reserved. Privacy policy.</footer>
</body></html>
"""


def _page(title: str, n: int) -> bytes:
    paragraphs = "\n".join(
        f"<p>{title} paragraph {i}: the harbour board heard evidence from residents, engineers and "
        f"fishermen about the plan, and decided to publish its findings in full next month.</p>"
        for i in range(n)
    )
    return PAGE.format(title=title, paragraphs=paragraphs).encode()


def _teaser_feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>{base}/story{i}.html</link><guid>story-{i}</guid>"
        f"<description>Read the board's findings on story {i}…</description></item>"
        for i in range(2)
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Teasers</title>'
            f"{items}</channel></rss>").encode()


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "lib.db", seed=False)
    yield library  # type: ignore[misc]
    library.close()


# --- parsing ------------------------------------------------------------------------------------


def test_rss2_items_become_articles() -> None:
    feed = parse_feed(RSS2.encode(), "https://coast.example/feed.xml")
    assert feed.title == "Coast Herald" and feed.version == "rss20"
    first, second = feed.items
    assert first.title == "Council backs second pier & new berth"
    assert first.url == "https://coast.example/pier"
    assert first.published == "2026-03-02T07:30:00Z"
    assert first.body.split("\n\n") == PARAS  # content:encoded wins over the teaser
    assert "alert" not in first.body
    assert first.extra["guid"].endswith("coast-1")
    assert "harbour" in first.tags
    assert "Maria Okafor" in (first.author or "")
    assert second.body.startswith("Ferry fares for island residents")
    assert "<p>" not in second.body


def test_atom_and_rss1_items_become_articles() -> None:
    atom = parse_feed(ATOM.encode(), "https://glacier.example/atom.xml")
    (entry,) = atom.items
    assert atom.version.startswith("atom")
    assert entry.title == "Microbes thrive under the ice"
    assert entry.author == "Lena Brandt"
    assert entry.published == "2026-02-10T12:00:00Z"
    assert entry.body.count("\n\n") == 1
    rdf = parse_feed(RSS1.encode(), "https://mill.example/rss")
    (item,) = rdf.items
    assert rdf.version == "rss10"
    assert item.title == "Old Mill library reopens"
    assert item.published == "2025-09-06T07:00:00Z"
    assert item.author == "Sam Reed"


def test_entity_bomb_is_refused_before_parsing() -> None:
    started = time.monotonic()
    with pytest.raises(FeedError, match="entities"):
        parse_feed(BOMB.encode(), "https://bomb.example/feed")
    with pytest.raises(FeedError, match="entities"):
        parse_feed(BOMB.encode("utf-16"), "https://bomb.example/feed")
    assert time.monotonic() - started < 5


def test_a_truncated_feed_still_gives_its_readable_items() -> None:
    cut = RSS2.index("<item>", RSS2.index("</item>"))
    broken = RSS2[:cut] + "<item><title>Broken & bad</title><link>https://c.example/x</link>"
    feed = parse_feed(broken.encode(), "https://coast.example/feed.xml")
    assert [i.title for i in feed.items] == ["Council backs second pier & new berth", "Broken & bad"]
    assert feed.items[0].body.split("\n\n") == PARAS


def test_a_web_page_or_garbage_is_not_a_feed() -> None:
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(MALFORMED, "https://x.example/")
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(b"\x00\x01garbage", "https://x.example/")


def test_html_to_text_keeps_paragraphs_and_drops_scripts() -> None:
    html = "<div><p>One &amp; two.</p><style>p{}</style><script>x()</script><p>Three<br>four</p></div>"
    assert html_to_text(html) == "One & two.\n\nThree\n\nfour"


# --- fetching -----------------------------------------------------------------------------------


def test_fetch_stores_every_good_feed_and_reports_every_bad_one(
    lib: Library, http_server: HTTPServer
) -> None:
    s = http_server
    good = {
        "rss2": s.route("/rss2.xml", Route(RSS2.encode())),
        "atom": s.route("/atom.xml", Route(ATOM.encode(), content_type="application/atom+xml")),
        "rss1": s.route("/rss1.xml", Route(RSS1.encode())),
        "gzip": s.route("/gzip.xml", Route(RSS2.replace("coast-", "gz-").replace(
            "Coast Herald", "Gzip Herald").replace("Monday", "Tuesday").replace(
            "residents will", "residents shall").replace(  # another site: a link is an article
            "https://coast.example/", "https://gzip.example/").encode(), gzip=True)),
    }
    s.route("/500.xml", Route(b"oops", status=500))
    s.route("/slow.xml", Route(RSS2.encode(), delay=5))
    s.route("/loop.xml", Route(status=302, headers={"Location": "/loop.xml"}))
    s.route("/big.xml", Route(b"<rss>" + b" " * 300_000 + b"</rss>"))
    s.route("/bomb.xml", Route(BOMB.encode()))
    s.route("/page.html", Route(MALFORMED, content_type="text/html"))
    bad = {
        "404": s.url + "/missing.xml", "500": s.url + "/500.xml", "slow": s.url + "/slow.xml",
        "loop": s.url + "/loop.xml", "big": s.url + "/big.xml", "bomb": s.url + "/bomb.xml",
        "page": s.url + "/page.html",
    }
    for name, url in {**good, **bad}.items():
        lib.add_feed(url, name=name)
    seen = []
    results = lib.fetch_feeds(concurrency=4, timeout=2.0, max_bytes=100_000,
                              progress=lambda r: seen.append(r.feed.name))
    by_name = {r.feed.name: r for r in results}
    assert sorted(seen) == sorted(by_name) == sorted([*good, *bad])
    for name in good:
        assert by_name[name].ok and by_name[name].added >= 1, (name, by_name[name])
    reasons = {name: by_name[name].error or "" for name in bad}
    assert "404" in reasons["404"]
    assert "500" in reasons["500"]
    assert "timed out" in reasons["slow"]
    assert "redirect" in reasons["loop"]
    assert "too large" in reasons["big"]
    assert "entities" in reasons["bomb"]
    assert "not a feed" in reasons["page"]
    assert lib.count() == 2 + 1 + 1 + 2
    assert lib.count(ArticleQuery(feed="atom")) == 1
    statuses = {f.name: f.last_status for f in lib.list_feeds()}
    assert statuses["rss2"] == "ok" and statuses["404"].startswith("error: ")
    rss_rows = lib.list(ArticleQuery(feed="rss2"))
    assert {r.feed for r in rss_rows} == {"rss2"}
    assert all(h["user-agent"].startswith("newsdesk/") for _, h in s.requests)


def test_conditional_get_sends_validators_and_keeps_articles(
    lib: Library, http_server: HTTPServer
) -> None:
    etag_url = http_server.route("/etag.xml", Route(RSS2.encode(), etag='"v1"'))
    lm = "Mon, 02 Mar 2026 09:00:00 GMT"
    lm_url = http_server.route("/lm.xml", Route(ATOM.encode(), last_modified=lm))
    lib.add_feed(etag_url, name="etag")
    lib.add_feed(lm_url, name="lm")
    first = {r.feed.name: r for r in lib.fetch_feeds()}
    assert first["etag"].added == 2 and first["lm"].added == 1
    assert "if-none-match" not in http_server.hits("/etag.xml")[0]
    second = {r.feed.name: r for r in lib.fetch_feeds()}
    assert second["etag"].not_modified and second["lm"].not_modified
    assert http_server.hits("/etag.xml")[-1]["if-none-match"] == '"v1"'
    assert http_server.hits("/lm.xml")[-1]["if-modified-since"] == lm
    assert lib.count() == 3
    # The feed changes (new ETag): items already stored are recognised, not duplicated.
    http_server.route("/etag.xml", Route(RSS2.encode(), etag='"v2"'))
    third = {r.feed.name: r for r in lib.fetch_feeds()}
    assert third["etag"].added == 0 and third["etag"].known == 2
    assert lib.count() == 3


def test_full_text_fetches_teaser_pages_once(lib: Library, http_server: HTTPServer) -> None:
    base = http_server.url
    for i in range(2):
        http_server.route(f"/story{i}.html", Route(_page(f"Story {i}", 6), content_type="text/html"))
    url = http_server.route("/teasers.xml", Route(_teaser_feed(base)))
    plain = lib.add_feed(url, name="teasers")
    (result,) = lib.fetch_feeds(full_text=False)
    assert result.added == 2 and result.full_pages == 0
    assert http_server.hits("/story0.html") == []
    teaser_body = lib.get(lib.list()[0].id).body
    assert teaser_body.startswith("Read the board")
    # The per-feed setting turns it on; items already stored are not fetched again.
    lib.add_feed(url, name="teasers", full_text=True)
    lib.remove([r.id for r in lib.list()])
    (result,) = lib.fetch_feeds()
    assert result.full_pages == 2 and result.added == 2
    body = lib.get(lib.list()[0].id).body
    assert "paragraph 5" in body
    for junk in ("cookies", "Subscribe", "Copyright", "newsletter", "Most read"):
        assert junk not in body
    (again,) = lib.fetch_feeds()
    assert again.added == 0
    assert len(http_server.hits("/story0.html")) == 1
    assert plain.id == lib.get_feed("teasers").id


def test_feed_urls_must_be_http(lib: Library) -> None:
    for bad in ("file:///etc/passwd", "ftp://x.example/feed", "not a url", "javascript:alert(1)"):
        with pytest.raises(InputError):
            lib.add_feed(bad)
    assert lib.list_feeds() == []


def test_removing_a_feed_keeps_its_articles(lib: Library, http_server: HTTPServer) -> None:
    url = http_server.route("/rss2.xml", Route(RSS2.encode()))
    feed = lib.add_feed(url)
    lib.fetch_feeds()
    assert lib.get_feed(feed.id).name == "Coast Herald"  # named after the feed's own title
    assert lib.remove_feed(url) and not lib.remove_feed(url)
    assert lib.count() == 2 and all(r.feed is None for r in lib.list())


# --- OPML ---------------------------------------------------------------------------------------

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>mine</title></head><body>
  <outline text="News">
    <outline type="rss" text="Coast Herald" xmlUrl="{0}/rss2.xml"/>
    <outline type="rss" title="Glacier &amp; Ice" xmlurl="{0}/atom.xml"/>
  </outline>
  <outline text="folder without feed"/>
</body></opml>
"""


def test_opml_parse_and_format_roundtrip(lib: Library) -> None:
    outlines = parse_opml(OPML.format("https://h.example"))
    assert [(o.url, o.title) for o in outlines] == [
        ("https://h.example/rss2.xml", "Coast Herald"),
        ("https://h.example/atom.xml", "Glacier & Ice"),
    ]
    for o in outlines:
        lib.add_feed(o.url, name=o.title, full_text=o.title == "Coast Herald")
    text = format_opml(lib.list_feeds())
    again = parse_opml(text)
    assert [(o.url, o.title) for o in again] == [(o.url, o.title) for o in outlines]
    assert 'newsdeskFullText="true"' in text
    assert [o.full_text for o in again] == [True, False]


def test_opml_with_entities_or_not_opml_is_refused() -> None:
    evil = '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x "y">]><opml><body/></opml>'
    with pytest.raises(InputError, match="unsafe"):
        parse_opml(evil)
    with pytest.raises(InputError, match="not OPML"):
        parse_opml("<rss/>")
    with pytest.raises(InputError, match="not valid XML"):
        parse_opml("<opml><body>")


# --- the commands -------------------------------------------------------------------------------


def _cli(library: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library))
    return subprocess.run([*CLI, *args], capture_output=True, text=True, env=env, timeout=120,
                          stdin=subprocess.DEVNULL)


def test_feed_fetch_and_opml_commands(tmp_path: Path, http_server: HTTPServer) -> None:
    library = tmp_path / "lib.db"
    http_server.route("/rss2.xml", Route(RSS2.encode(), etag='"e1"'))
    http_server.route("/atom.xml", Route(ATOM.encode()))
    opml_url = http_server.route("/subs.opml", Route(OPML.format(http_server.url).encode(),
                                                     content_type="text/x-opml"))
    proc = _cli(library, "opml", "import", opml_url)
    assert proc.returncode == 0, proc.stderr
    assert "imported 2 new feeds" in proc.stdout
    unnamed = http_server.route("/unnamed.xml", Route(RSS1.encode()))
    assert _cli(library, "feed", "add", unnamed).returncode == 0
    proc = _cli(library, "feed", "add", http_server.url + "/missing.xml", "--name", "Gone")
    assert proc.returncode == 0, proc.stderr
    feeds = json.loads(_cli(library, "feed", "list", "--json").stdout)
    assert feeds["version"] == 1
    assert [f["name"] for f in feeds["feeds"]] == ["Coast Herald", "Glacier & Ice", None, "Gone"]
    proc = _cli(library, "fetch", "--timeout", "5")
    assert proc.returncode == 1  # one feed failed; the others were stored
    lines = sorted(proc.stdout.splitlines())
    assert lines[0].startswith("error\tGone\t") and "404" in lines[0]
    assert lines[1] == "ok\tCoast Herald\t2 new, 0 known"
    assert lines[2] == "ok\tGlacier & Ice\t1 new, 0 known"
    assert lines[3] == "ok\tMillbrook Notes\t1 new, 0 known"  # named after its own title
    listed = json.loads(_cli(library, "list", "--feed", "Coast Herald", "--json").stdout)
    assert listed["total"] == 2
    assert _cli(library, "feed", "rm", "Gone").returncode == 0
    assert _cli(library, "feed", "rm", "Millbrook Notes").returncode == 0
    proc = _cli(library, "fetch", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    by_name = {r["feed"]["name"]: r for r in data["feeds"]}
    assert by_name["Coast Herald"]["not_modified"] is True
    assert by_name["Glacier & Ice"]["known"] == 1
    exported = _cli(library, "opml", "export")
    assert [o.title for o in parse_opml(exported.stdout)] == ["Coast Herald", "Glacier & Ice"]
    proc = _cli(library, "feed", "rm", "nope")
    assert proc.returncode == 1 and "no feed" in proc.stderr
    proc = _cli(library, "feed", "add", "file:///etc/passwd")
    assert proc.returncode == 1 and proc.stderr.startswith("newsdesk: error: ")


def test_interrupted_fetch_leaves_the_library_consistent(
    tmp_path: Path, http_server: HTTPServer
) -> None:
    library = tmp_path / "lib.db"
    lib = Library(library, seed=False)
    lib.add_feed(http_server.route("/rss2.xml", Route(RSS2.encode())), name="fast")
    lib.add_feed(http_server.route("/slow.xml", Route(ATOM.encode(), delay=4)), name="slow")
    lib.close()
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library))
    proc = subprocess.Popen([*CLI, "fetch", "--concurrency", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.startswith("ok\tfast")
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "Traceback" not in err
    conn = sqlite3.connect(library)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Library(library) as again:
        assert again.count() == 2  # the fast feed's items, whole; nothing of the slow one
        assert again.count(ArticleQuery(feed="slow")) == 0
        assert len(again.search("pier")) == 1


def test_add_a_url_reduces_the_page_and_reports_http_errors(
    tmp_path: Path, http_server: HTTPServer
) -> None:
    library = tmp_path / "lib.db"
    url = http_server.route("/story.html", Route(_page("Harbour board findings", 5),
                                                 content_type="text/html; charset=utf-8"))
    proc = _cli(library, "add", url, "--tag", "web", "--json")
    assert proc.returncode == 0, proc.stderr
    (added,) = json.loads(proc.stdout)["added"]
    shown = json.loads(_cli(library, "show", str(added["id"]), "--json").stdout)["article"]
    assert shown["title"].startswith("Harbour board findings")
    assert shown["source"] == "127.0.0.1" and shown["url"] == url
    assert "paragraph 4" in shown["body"]
    for junk in ("cookies", "Copyright", "newsletter"):
        assert junk not in shown["body"]
    assert shown["tags"] == ["web"]
    proc = _cli(library, "add", http_server.url + "/nothing.html")
    assert proc.returncode == 1
    assert proc.stderr.count("\n") == 1 and "404" in proc.stderr and "Traceback" not in proc.stderr


# --- hostile and unusual items (issue 10: #1, #3, #4) ----------------------------------------------


def _rss(items: str, title: str = "Aggregator") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>{title}'
            f"</title>{items}</channel></rss>").encode()


def test_link_aggregator_items_with_one_body_are_all_stored(
    lib: Library, http_server: HTTPServer
) -> None:
    """Hacker News style: every item's body is "Comments"; titles and links differ."""
    items = "".join(
        f"<item><title>Story number {i}</title><link>https://site{i}.example/post</link>"
        f"<comments>https://news.example/item?id={i}</comments>"
        f'<description><![CDATA[<a href="https://news.example/item?id={i}">Comments</a>]]>'
        f"</description></item>" for i in range(3)
    )
    # Title-only items (no link, no guid, no body) are common too, and stay.
    items += "<item><title>Just a headline</title></item><item><title>Another one</title></item>"
    lib.add_feed(http_server.route("/hn.xml", Route(_rss(items))), name="hn")
    [result] = lib.fetch_feeds(timeout=5)
    assert result.ok and (result.added, result.known, result.items) == (5, 0, 5)
    titles = {r.title for r in lib.list(ArticleQuery(feed="hn"))}
    assert titles == {"Story number 0", "Story number 1", "Story number 2", "Just a headline",
                      "Another one"}
    # Fetched again: all known, nothing doubled.
    [again] = lib.fetch_feeds(timeout=5)
    assert (again.added, again.known) == (0, 5)


def test_the_same_link_from_two_feeds_is_one_article(lib: Library, http_server: HTTPServer) -> None:
    one = _rss("<item><title>Pier opens</title><link>https://coast.example/pier</link>"
               "<guid>a-1</guid><description>The pier opened today.</description></item>")
    two = _rss("<item><title>Pier opens (via B)</title><link>https://coast.example/pier</link>"
               "<guid>b-9</guid><description>Comments</description></item>", title="B")
    lib.add_feed(http_server.route("/one.xml", Route(one)), name="one")
    lib.add_feed(http_server.route("/two.xml", Route(two)), name="two")
    results = {r.feed.name: r for r in lib.fetch_feeds(concurrency=1, timeout=5)}
    assert results["one"].added + results["two"].added == 1
    assert results["one"].known + results["two"].known == 1
    assert lib.count() == 1


def test_one_bad_character_or_date_keeps_the_item_and_its_feed(
    lib: Library, http_server: HTTPServer
) -> None:
    items = (
        "<item><title>Good first</title><link>https://x.example/1</link>"
        "<description>The first story is fine.</description></item>"
        "<item><title>Lone &#xD800; surrogate</title><link>https://x.example/2</link>"
        "<description>Text with &#xD800; in it and &#99999999999999999999; too.</description></item>"
        "<item><title>Far past</title><link>https://x.example/3</link>"
        "<pubDate>0001-01-01T00:00:00+05:00</pubDate><description>Old news.</description></item>"
        "<item><title>Far future</title><link>https://x.example/4</link>"
        "<pubDate>9999-12-31T23:59:59-05:00</pubDate><description>New news.</description></item>"
        "<item><title>Good last</title><link>https://x.example/5</link>"
        "<description>The last story is fine.</description></item>"
    )
    lib.add_feed(http_server.route("/bad.xml", Route(_rss(items))), name="bad")
    [result] = lib.fetch_feeds(timeout=5)
    assert result.ok, result.error
    assert result.added == 5
    rows = {r.title: r for r in lib.list()}
    assert set(rows) == {"Good first", "Lone \ufffd surrogate", "Far past", "Far future",
                         "Good last"}
    assert lib.get(rows["Lone \ufffd surrogate"].id).body == (
        "Text with \ufffd in it and \ufffd too.")
    assert rows["Far past"].published is None and rows["Far future"].published is None


# --- OPML and text in other encodings (issue 10: #6, #14) ------------------------------------------

_OPML = ('<?xml version="1.0" encoding="{enc}"?><opml version="2.0"><head><title>Abos</title></head>'
         '<body><outline text="Café über" xmlUrl="https://cafe.example/feed"/></body></opml>')


@pytest.mark.parametrize(("declared", "codec"), [
    ("ISO-8859-1", "latin-1"), ("UTF-8", "utf-8-sig"), ("UTF-16", "utf-16"),
    ("UTF-32", "utf-32"), ("UTF-32", "utf-32-le"), ("UTF-32", "utf-32-be"),
])
def test_opml_in_its_declared_encoding_is_decoded_once(declared: str, codec: str) -> None:
    from summarize.ingest.inputs import decode_bytes

    data = _OPML.format(enc=declared).encode(codec)
    [outline] = parse_opml(decode_bytes(data))
    assert outline.title == "Café über" and outline.url == "https://cafe.example/feed"


def test_latin1_french_is_not_guessed_as_a_central_european_code_page() -> None:
    from summarize.ingest.inputs import decode_bytes

    french = "Les élèves ont été très sages à l'école, même après Noël. Il est très content."
    assert decode_bytes(french.encode("latin-1")) == french
    czech = "Příliš žluťoučký kůň úpěl ďábelské ódy."
    assert decode_bytes(czech.encode("cp1250")) == czech
