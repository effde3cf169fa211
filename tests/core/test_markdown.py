from html.parser import HTMLParser

import pytest

from community.core.markdown import render_markdown


def test_markdown_renders_japanese_text_tables_and_links():
    html = render_markdown(
        "## 成果\n\n| 指標 | 値 |\n|---|---|\n| 作業時間 | 120 → 80 |\n\n[IPA](https://www.ipa.go.jp/)"
    )
    assert "<h2>成果</h2>" in html and "<table>" in html
    assert '<a href="https://www.ipa.go.jp/" rel="nofollow noopener noreferrer ugc">IPA</a>' in html


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
        "<svg onload=alert(1)>",
        '<iframe src="https://evil.example"></iframe>',
        "[x](vbscript:msgbox(1))",
        '<div style="background:url(javascript:alert(1))">x</div>',
    ],
)
def test_markdown_output_carries_no_script(payload):
    """Parsed as a browser would: no active element, no handler, no unsafe URL survives."""
    parser = Elements()
    parser.feed(render_markdown(payload))
    for tag, attributes in parser.found:
        assert tag not in {"script", "iframe", "svg", "object", "embed", "style"}, payload
        for name, value in attributes:
            assert not name.startswith("on") and name != "style", payload
            if name in {"href", "src"}:
                assert (value or "").split(":")[0].lower() in {"http", "https", "mailto"}, payload


def test_empty_text_renders_empty():
    assert render_markdown("") == "" and render_markdown(None) == ""
