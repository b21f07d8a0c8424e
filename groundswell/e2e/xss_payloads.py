"""Cross-site scripting payloads for the browser tests.

Each one, if it ever ran, would set `window.__xss` or open a dialog (alert/confirm/prompt); the
tests watch for both and also inspect the DOM for anything a payload could have smuggled in
(event-handler attributes, script-like URLs, frames, foreign scripts, htmx attributes).
They go into every place members can type text: titles, bodies (raw and inside Markdown links and
images), display names, pseudonyms, comments, search queries and place names.
"""

from __future__ import annotations

PAYLOADS: list[str] = [
    # Script elements
    "<script>window.__xss=1</script>",
    "<SCRIPT>window.__xss=1</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=data:text/javascript,window.__xss=1></script>",
    '"><script>window.__xss=1</script>',
    "'><script>window.__xss=1</script>",
    "</title><script>window.__xss=1</script>",
    "</textarea><script>window.__xss=1</script>",
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    "<script>/*</script><script>window.__xss=1//*/</script>",
    # Event handlers
    "<img src=x onerror=window.__xss=1>",
    "<IMG SRC=x ONERROR=alert(1)>",
    '<img src="x" onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    "<svg/onload=alert(1)>",
    "<body onload=window.__xss=1>",
    "<input autofocus onfocus=window.__xss=1>",
    "<details open ontoggle=window.__xss=1>",
    "<video><source onerror=window.__xss=1></video>",
    "<audio src=x onerror=window.__xss=1>",
    "<marquee onstart=window.__xss=1>",
    '" onmouseover="window.__xss=1" x="',
    "' onfocus='window.__xss=1' autofocus x='",
    '<div style="width:100%;height:100%" onmouseover=window.__xss=1>hover</div>',
    # javascript:, data: and vbscript: URLs
    "<a href=javascript:window.__xss=1>click</a>",
    '<a href="jAvAsCrIpT:window.__xss=1">click</a>',
    '<a href="&#106;avascript:window.__xss=1">entity</a>',
    '<a href=" javascript:window.__xss=1">space</a>',
    '<a href="java\tscript:window.__xss=1">tab</a>',
    '<a href="data:text/html,<script>window.__xss=1</script>">data</a>',
    '<a href="vbscript:msgbox(1)">vb</a>',
    "<form action=javascript:window.__xss=1><button>go</button></form>",
    "<button formaction=javascript:window.__xss=1>go</button>",
    "<math><a xlink:href=javascript:window.__xss=1>math</a></math>",
    # Markdown links and images
    "[click me](javascript:window.__xss=1)",
    "[click me](JAVASCRIPT:alert(1))",
    "[click me](javascript&#58;window.__xss=1)",
    "[click me](&#x6A;avascript:window.__xss=1)",
    "[click me](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    "[click me](<javascript:window.__xss=1>)",
    '[click me](https://example.org "title\\" onmouseover=\\"window.__xss=1")',
    "![alt](javascript:window.__xss=1)",
    '![alt" onerror="window.__xss=1](x)',
    '![x](x" onerror="window.__xss=1)',
    "[a]: javascript:window.__xss=1\n\n[click][a]",
    "<javascript:window.__xss=1>",
    # SVG, MathML, frames, objects
    "<svg><script>window.__xss=1</script></svg>",
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s>",
    "<svg><a><animate attributeName=href values=javascript:window.__xss=1 /><text y=20>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    "<iframe src=javascript:window.parent.__xss=1></iframe>",
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    "<object data=javascript:window.__xss=1></object>",
    "<embed src=javascript:window.__xss=1>",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:window.__xss=1//">',
    # Template injection (Django, Jinja, Angular-style) and server-side includes
    "{{7*7}}",
    "{% debug %}",
    "{{ request.META }}",
    "${7*7}",
    "{{constructor.constructor('window.__xss=1')()}}",
    '<!--#exec cmd="id" -->',
    # htmx: attributes htmx would act on if they reached the page
    '<div hx-on:load="window.__xss=1" hx-get="/" hx-trigger="load">htmx</div>',
    '<button hx-on::before-request="window.__xss=1" hx-get="/">htmx</button>',
    # HTML entities, encodings and broken markup
    "&lt;script&gt;window.__xss=1&lt;/script&gt;",
    "&#60;script&#62;window.__xss=1&#60;/script&#62;",
    "%3Cscript%3Ewindow.__xss=1%3C/script%3E",
    "\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e",
    "<img src=x onerror=window.__xss=1//",
    "<<script>script>window.__xss=1<</script>/script>",
    "<img/src=x/onerror=window.__xss=1>",
    "<img src=`x` onerror=`window.__xss=1`>",
    "<!--<img src=x--><img src=x onerror=window.__xss=1//-->",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
    "<style>*{background:url(javascript:window.__xss=1)}</style>",
    # CSS expressions and style attributes
    '<div style="background:url(javascript:window.__xss=1)">css</div>',
    '<div style="width:expression(window.__xss=1)">css</div>',
    '<link rel=stylesheet href="javascript:window.__xss=1">',
    # Unicode tricks: full-width brackets, bidi overrides, zero-width joiners, homoglyphs
    "\uff1cscript\uff1ewindow.__xss=1\uff1c/script\uff1e",
    "<scr\u200bipt>window.__xss=1</scr\u200bipt>",
    "\u202e<script>window.__xss=1</script>",
    "<img src=x onerror=\u2028window.__xss=1>",
    '<a href="java\u0000script:window.__xss=1">nul</a>',
    "</script><script>window.__xss=1</script>",
    "\u0000<script>window.__xss=1</script>",
]

# The Markdown-link payloads carry their own link syntax; these wrap a URL in both link forms.
DANGEROUS_URLS: list[str] = [
    "javascript:window.__xss=1",
    "JaVaScRiPt:window.__xss=1",
    "  javascript:window.__xss=1",
    "java&#x09;script:window.__xss=1",
    "data:text/html,<script>window.__xss=1</script>",
    "vbscript:msgbox(1)",
]


def markdown_with_urls() -> str:
    """A Markdown body with every dangerous URL as a link, an image and an autolink."""
    lines = []
    for n, url in enumerate(DANGEROUS_URLS):
        lines.append(f"- [link {n}]({url}) ![image {n}]({url}) <{url}>")
    return "\n".join(lines)
