"""What a page or a stored fragment may not contain once a payload went through it."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from community.core.markdown import ALLOWED_TAGS

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
    if (tag === "script" && !(el.src && ours(el.src))) {
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
