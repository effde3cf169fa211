"""The XSS corpus: payloads by kind, each meant to run script if it ever reached the page.

A payload that runs shows itself: ``alert``/``confirm``/``prompt`` open a dialog and the
others log ``XSSMARK`` to the console. ``PAYLOADS`` is the flat list of ``(name, text)``.
"""

from __future__ import annotations

MARKER = "XSSMARK"
LOG = f"console.log('{MARKER}')"

SCRIPT_TAGS = {
    "script": "<script>alert(1)</script>",
    "script-upper-src": "<SCRIPT SRC=/static/x.js></SCRIPT>",
    "script-marker": f"<script>{LOG}</script>",
    "textarea-breakout": "</textarea><script>alert(1)</script>",
    "title-breakout": "</title><script>alert(1)</script>",
    "attribute-breakout-double": '"><script>alert(1)</script>',
    "attribute-breakout-single": "'><script>alert(1)</script>",
    "nested-script": "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "script-in-template": "</template><script>alert(1)</script>",
}

EVENT_HANDLERS = {
    "img-onerror": "<img src=x onerror=alert(1)>",
    "img-onerror-marker": f'<img src=x onerror="{LOG}">',
    "svg-onload": "<svg onload=alert(1)>",
    "body-onload": "<body onload=alert(1)>",
    "details-ontoggle": "<details open ontoggle=alert(1)>",
    "input-autofocus": "<input autofocus onfocus=alert(1)>",
    "video-source-onerror": "<video><source onerror=alert(1)></video>",
    "attribute-onmouseover": '" onmouseover="alert(1)" x="',
    "attribute-autofocus-single": "' autofocus onfocus='alert(1)' x='",
    "unquoted-attribute": "x onfocus=alert(1) autofocus",
    "style-expression": '<div style="background:url(javascript:alert(1))">x</div>',
}

URLS = {
    "a-javascript": '<a href="javascript:alert(1)">x</a>',
    "a-javascript-mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "a-javascript-entity": '<a href="&#106;avascript:alert(1)">x</a>',
    "a-javascript-tab": '<a href="java\tscript:alert(1)">x</a>',
    "a-javascript-space": '<a href=" javascript:alert(1)">x</a>',
    "a-data-html": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "iframe-javascript": '<iframe src="javascript:alert(1)"></iframe>',
    "iframe-data": '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>',
    "object-data": '<object data="javascript:alert(1)"></object>',
    "embed-src": '<embed src="javascript:alert(1)">',
    "form-action": '<form action="javascript:alert(1)"><button>x</button></form>',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base-href": '<base href="javascript:alert(1)//">',
}

SVG = {
    "svg-script": "<svg><script>alert(1)</script></svg>",
    "svg-xlink": '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>',
    "svg-animate": "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "svg-set-href": '<svg><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text>',
    "math-mglyph": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
}

BROKEN_MARKUP = {
    "unclosed-img": "<img src=x onerror=alert(1)//",
    "double-open": "<<script>alert(1);//<</script>",
    "quote-soup": '<img """><script>alert(1)</script>">',
    "comment-trick": '<!--<img src="--><img src=x onerror=alert(1)//">',
    "noscript-title": '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "style-img": "<style><img src=x onerror=alert(1)></style>",
    "a-title-breakout": '<a href="/" title="</a><img src=x onerror=alert(1)>">x</a>',
    "cdata": "<![CDATA[><script>alert(1)</script>]]>",
    "null-tag": "<img/src=x/onerror=alert(1)>",
}

MARKDOWN = {
    "md-link-javascript": "[x](javascript:alert(1))",
    "md-link-javascript-upper": "[x](JAVASCRIPT:alert(1))",
    "md-link-entity-colon": "[x](javascript&#58;alert(1))",
    "md-link-angle": "[x](<javascript:alert(1)>)",
    "md-reference": "[x][r]\n\n[r]: javascript:alert(1)",
    "md-autolink": "<javascript:alert(1)>",
    "md-link-data": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "md-image-javascript": "![x](javascript:alert(1))",
    "md-image-onerror": '![x](x" onerror="alert(1))',
    "md-image-svg-data": "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    "md-link-title-breakout": '[x](/ "a\\" onmouseover=\\"alert(1)")',
    "md-code-fence": "```html\n<script>alert(1)</script>\n```",
    "md-html-block": "<div>\n\n<img src=x onerror=alert(1)>\n\n</div>",
    "md-nested-image-link": "[![x](x)](javascript:alert(1))",
}

UNICODE = {
    "fullwidth-brackets": "＜script＞alert(1)＜/script＞",
    "zero-width-script": "<scr\u200bipt>alert(1)</scr\u200bipt>",
    "rtl-override": "\u202e<img src=x onerror=alert(1)>",
    "line-separator-url": "[x](java\u2028script:alert(1))",
    "tab-entity-url": '<a href="jav&#x09;ascript:alert(1)">x</a>',
    "long-s": "<ſcript>alert(1)</ſcript>",
    "percent-encoded": "%3Cscript%3Ealert(1)%3C/script%3E",
    "js-escaped": "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "japanese-around": "組子<img src=x onerror=alert(1)>細工",
    "template-syntax": "{{ 7*7 }}{% raw %}<script>alert(1)</script>",
}

KINDS = {
    "script tags": SCRIPT_TAGS,
    "event handlers": EVENT_HANDLERS,
    "javascript: and data: URLs": URLS,
    "SVG and MathML": SVG,
    "broken markup": BROKEN_MARKUP,
    "Markdown links and images": MARKDOWN,
    "Unicode tricks": UNICODE,
}

PAYLOADS: list[tuple[str, str]] = [(n, t) for kind in KINDS.values() for n, t in kind.items()]
