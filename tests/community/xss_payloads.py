"""Attempts to run script through a post (after OWASP's XSS filter evasion cheat sheet), shared by
the sanitiser's tests and the browser test. Each one, if it ran, would call ``alert`` or set
``window.__xss``."""

from html.parser import HTMLParser

# Raw HTML: written into a post's Markdown (where it must come out as text) and handed to the
# sanitiser directly (where the allow-list must strip it).
HTML_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/x.js></SCRIPT>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;"
    "&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112"
    "&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088"
    "&#0000083&#0000083&#0000039&#0000041>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74"
    "&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>',
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;parent.alert(1)&lt;/script&gt;"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="javascript&colon;alert(1)">click</a>',
    '<a href="  javascript:alert(1)">click</a>',
    '<a href="java&#x0D;script:alert(1)">click</a>',
    '<a href="&#x01;javascript:alert(1)">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
    '<a href="https://ok.example/" onclick="alert(1)" target="_blank">click</a>',
    '<object data="javascript:alert(1)"></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<div style="width: expression(alert(1));">x</div>',
    '<div style="background-image: url(javascript:alert(1))">x</div>',
    "<style>@import 'http://xss.example/xss.css';"
    " body{background:url(javascript:alert(1))}</style>",
    '<form action="javascript:alert(1)"><button>send</button></form>',
    '<button formaction="javascript:alert(1)">send</button>',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    "<![CDATA[<script>alert(1)</script>]]>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<details open ontoggle=alert(1)>x</details>",
    "<video><source onerror=alert(1)></video>",
    "<input autofocus onfocus=alert(1)>",
    '<table background="javascript:alert(1)"><tr><td>x</td></tr></table>',
    '<div role="region" tabindex="0" onfocus="alert(1)" class="post-table evil">x</div>',
    '<aside class="link-card link-card--x" onmouseover="alert(1)">x</aside>',
    '<p class="link-card__summary" style="position:fixed;inset:0">x</p>',
    '<a href="/ok/" rel="opener">x</a>',
    '<ol start="1 onclick=alert(1)"><li>x</li></ol>',
    '<code class="language-x" id="__xss" data-x="1">x</code>',
]

# Markdown that tries to make a link, image or attribute run script.
MARKDOWN_PAYLOADS = [
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](<javascript:alert(1)>)",
    "[click]( javascript:alert(1) )",
    "[click](java\tscript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html,<script>alert(1)</script>)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "[click](\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54:alert(1))",  # full width,
    "[click](javascript\u2028:alert(1))",
    '[click](https://ok.example/ "title" onmouseover="alert(1)")',
    '[click](https://ok.example/" onmouseover="alert(1))',
    "![pixel](javascript:alert(1))",
    "![pixel](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![pixel" onerror="alert(1)](https://ok.example/x.png)',
    "<javascript:alert(1)>",
    "<vbscript:msgbox(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    '```js" onload="alert(1)\n<script>alert(1)</script>\n```',
    "`</code><script>alert(1)</script>`",
    "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
    "> <svg onload=alert(1)>",
    "# <script>alert(1)</script>",
    "@<img/src=x/onerror=alert(1)>",
    "javascript:alert(1)",
    'www.ok.example/"onmouseover="alert(1)',
]

ALLOWED_ATTRIBUTES = {
    "a": {"href", "rel", "class"},
    "ol": {"start"},
    "code": {"class"},
    "th": {"class"},
    "td": {"class"},
    "aside": {"class"},
    "p": {"class"},
    "div": {"class", "role", "tabindex", "aria-label"},
}
ALLOWED_TAGS = {
    "p", "br", "hr", "h3", "h4", "h5", "h6", "strong", "em", "s", "a", "ul", "ol", "li",
    "blockquote", "code", "pre", "div", "table", "thead", "tbody", "tr", "th", "td", "aside",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}


def _scheme(url: str) -> str | None:
    """The scheme a browser would read in ``url`` (it drops tabs and newlines anywhere and C0
    controls and spaces around it), or None for a relative address."""
    url = "".join(character for character in url if character not in "\t\n\r")
    url = url.strip("".join(chr(code) for code in range(0x21)))
    scheme, colon, _rest = url.partition(":")
    if not colon or not scheme or not scheme[0].isascii() or not scheme[0].isalpha():
        return None
    if any(not (c.isascii() and (c.isalnum() or c in "+.-")) for c in scheme):
        return None
    return scheme.lower()


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, attrs))

    def handle_startendtag(self, tag, attrs):
        self.elements.append((tag, attrs))


def dangers(html: str) -> list[str]:
    """What in ``html`` could run script or load something: elements and attributes outside the
    allow-list, event handlers, styles, and addresses whose scheme is not http(s) or mailto."""
    parser = _Elements()
    parser.feed(html)
    parser.close()
    found = []
    for tag, attrs in parser.elements:
        if tag not in ALLOWED_TAGS:
            found.append(f"element <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()):
                found.append(f"attribute {name} on <{tag}>")
            if name == "href":
                scheme = _scheme(value or "")
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"{scheme}: address on <{tag}>")
    return found
