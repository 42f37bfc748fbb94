"""OPML: the file format feed readers use to move subscriptions around.

`parse_opml` reads OPML 1.0/2.0 with defusedxml (no entity expansion, no DTD, no external
references: an OPML file from the web is untrusted) and returns every outline that has an
`xmlUrl`, nested folders included. `format_opml` writes the library's feeds as OPML 2.0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from ..errors import InputError

if TYPE_CHECKING:
    from .feeds import Feed

__all__ = ["OpmlOutline", "format_opml", "parse_opml"]


@dataclass(frozen=True, slots=True)
class OpmlOutline:
    """One subscription in an OPML file."""

    url: str
    title: str | None = None
    html_url: str | None = None
    full_text: bool = False
    """Newsdesk's own `newsdeskFullText="true"` attribute (fetch whole pages for teasers)."""


_XML_DECLARATION = re.compile(r"\A\s*<\?xml\b[^>]*\?>")


def parse_opml(text: str) -> list[OpmlOutline]:
    """The feed outlines of an OPML document; `InputError` if it is not safe, valid OPML."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    # `text` is decoded already (by `decode_bytes`, which honours the declaration): a declared
    # encoding would make the parser decode it a second time ("CafÃ©"), or refuse UTF-32.
    text = _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)
    try:
        root = fromstring(text.encode("utf-8"), forbid_dtd=True)
    except DefusedXmlException as e:
        raise InputError(f"refused unsafe OPML ({e.__class__.__name__})") from None
    except ParseError as e:
        raise InputError(f"not valid XML ({e})") from None
    if root.tag.lower() != "opml":
        raise InputError(f"not OPML (root element <{root.tag}>)")
    seen: set[str] = set()
    out: list[OpmlOutline] = []
    for node in root.iter():
        if node.tag.lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in node.attrib.items()}
        url = (attrs.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        title = " ".join((attrs.get("title") or attrs.get("text") or "").split()) or None
        out.append(OpmlOutline(
            url=url, title=title, html_url=attrs.get("htmlurl") or None,
            full_text=(attrs.get("newsdeskfulltext") or "").strip().lower() == "true",
        ))
    return out


def format_opml(feeds: Iterable[Feed], *, title: str = "Newsdesk subscriptions") -> str:
    """OPML 2.0 text for `feeds` (ElementTree escapes every attribute)."""
    from xml.etree.ElementTree import Element, SubElement, indent, tostring

    root = Element("opml", version="2.0")
    head = SubElement(root, "head")
    SubElement(head, "title").text = title
    SubElement(head, "dateCreated").text = datetime.now(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    body = SubElement(root, "body")
    for feed in feeds:
        name = feed.name or feed.url
        attrs = {"type": "rss", "text": name, "title": name, "xmlUrl": feed.url}
        if feed.full_text:
            attrs["newsdeskFullText"] = "true"
        SubElement(body, "outline", attrs)
    indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode") + "\n"
