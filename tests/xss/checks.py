"""What a page or a stored fragment may not contain once a payload went through it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from community.core.markdown import ALLOWED_TAGS
from tests.xss.payloads import MARKER, PAYLOADS

SAFE_SCHEMES = ("http:", "https:", "mailto:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href", "poster"}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))

    handle_startendtag = handle_starttag


def _scheme(value: str) -> str | None:
    squeezed = re.sub(r"[\x00-\x20\u2028\u2029]", "", unescape(value)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", squeezed)
    return match.group(1) + ":" if match else None


def fragment_problems(html: str) -> list[str]:
    """Problems in stored, sanitised HTML (a *_html column)."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    problems = []
    for tag, attrs in parser.found:
        if tag not in ALLOWED_TAGS:
            problems.append(f"<{tag}> is not an allowed tag")
        for name, value in attrs:
            if name.startswith("on"):
                problems.append(f"<{tag} {name}> is an event handler")
            if name in URL_ATTRIBUTES and value:
                scheme = _scheme(value)
                if scheme and scheme not in SAFE_SCHEMES:
                    problems.append(f"<{tag} {name}={value!r}> has a {scheme} URL")
    return problems


# Run in the page: everything a payload could have left in the rendered DOM.
DOM_PROBLEMS = r"""() => {
  const problems = [];
  const FOREIGN = ["iframe", "frame", "object", "embed", "base", "svg", "math", "animate", "set"];
  const ours = (src) => src.startsWith(location.origin + "/static/")
    || src.startsWith(location.origin + "/vendor/");
  const urlAttrs = new Set(["href", "src", "action", "formaction", "data", "xlink:href",
                            "poster", "to", "from", "values", "background"]);
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`<${tag} ${name}>`);
      const value = attr.value.replace(/[\u0000-\u0020\u2028\u2029]/g, "").toLowerCase();
      if (urlAttrs.has(name) && /^(javascript|vbscript|data):/.test(value)) {
        problems.push(`<${tag} ${name}="${attr.value.slice(0, 60)}">`);
      }
      if (name === "style" && /javascript:|expression\(/.test(value)) {
        problems.push(`<${tag} style>`);
      }
    }
    const data = el.type === "application/json" && !el.src;  // strings for our own script
    if (tag === "script" && !data && !(el.src && ours(el.src))) {
      problems.push(`<script> element is not ours: ${el.outerHTML.slice(0, 80)}`);
    }
    if (FOREIGN.includes(tag)) {
      problems.push(`<${tag}> element`);
    }
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("<meta http-equiv>");
  }
  for (const a of document.querySelectorAll('a[href^="javascript:" i]')) {
    problems.push(`javascript: link ${a.outerHTML.slice(0, 80)}`);
  }
  return problems;
}"""


TEXTS = [text for _, text in PAYLOADS]
PER_PAGE = 4  # payloads batched into one case, event or lab; every field still gets each one
CHUNKS = [TEXTS[i : i + PER_PAGE] for i in range(0, len(TEXTS), PER_PAGE)]


def cut(text: str, limit: int) -> str:
    return text[:limit]


def squeeze(text: str) -> str:
    return " ".join(text.split())


def joined(chunk: list[str], limit: int | None = None, sep: str = "\n\n") -> str:
    """The chunk's payloads in one text field; a short field takes those that fit whole."""
    if limit is None:
        return sep.join(chunk)
    kept: list[str] = []
    for text in chunk:
        if len(sep.join([*kept, text])) <= limit:
            kept.append(text)
    return sep.join(kept) or cut(chunk[0], limit)


def next_pages(inspector: Inspector, path: str) -> None:
    """Visit a list and every further page of it."""
    while path:
        page = inspector.visit(path)
        more = page.locator("a[rel=next]")
        path = more.first.get_attribute("href") if more.count() else None


@dataclass
class Inspector:
    """Visits pages in one browser profile and gathers what a payload left behind."""

    page: object
    recorder: object
    found: dict[str, list[str]] = field(default_factory=dict)
    visited: int = 0

    def visit(self, path: str):
        response = self.page.goto(path)
        assert response.status == 200, (path, response.status)
        self.inspect(path)
        self.visited += 1
        return self.page

    def inspect(self, label: str) -> None:
        """Look at the page as it is now (after live updates, say)."""
        problems = self.page.evaluate(DOM_PROBLEMS)
        if problems:
            self.found[label] = problems

    def assert_clean(self) -> None:
        ran = [*self.recorder.dialogs]
        ran += [line for line in self.recorder.log if line.endswith(f": {MARKER}")]
        assert ran == [], f"script ran: {ran}"
        assert self.found == {}, f"left in the DOM: {self.found}"
