"""No script runs from a post in a real browser: Chromium loads one page holding every attempt
of tests/community/xss_payloads.py as the forum would store it (rendered from Markdown, and raw
HTML through the sanitiser), then hovers, focuses and clicks everything on it. A trap records
any ``alert``, ``confirm``, ``prompt`` or ``window.__xss``; the page makes no request and the
browser's own reading of the HTML holds no script, frame, image, handler or unsafe address."""

from collections.abc import Iterator

import pytest

from network.community.markdown import MentionTarget, html_sanitise, markdown_render
from tests.community.xss_payloads import HTML_PAYLOADS, MARKDOWN_PAYLOADS

pytestmark = pytest.mark.browser

ADDRESS = "http://convive.test/en/community/t/1/payloads/"

TRAP = """
window.__xss = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = () => { window.__xss += 1; };
}
"""

# What the browser read: every element outside the renderer's vocabulary, every attribute that
# runs script, and every link whose scheme is not http(s) or mailto.
INSPECT = """
() => {
    const allowed = new Set(["P", "BR", "HR", "H3", "H4", "H5", "H6", "STRONG", "EM", "S", "A",
        "UL", "OL", "LI", "BLOCKQUOTE", "CODE", "PRE", "DIV", "TABLE", "THEAD", "TBODY", "TR",
        "TH", "TD", "ASIDE", "MAIN"]);
    const found = [];
    for (const element of document.querySelectorAll("main *")) {
        if (!allowed.has(element.tagName)) found.push("element " + element.tagName);
        for (const attribute of element.attributes) {
            if (/^on|^style$|^src|^formaction$|^action$|^srcdoc$|^target$/i.test(attribute.name)) {
                found.push(attribute.name + " on " + element.tagName);
            }
        }
    }
    for (const link of document.querySelectorAll("main a[href]")) {
        if (!["http:", "https:", "mailto:"].includes(link.protocol)) {
            found.push(link.protocol + " link " + link.getAttribute("href"));
        }
    }
    return found;
}
"""

# Hover, focus and click everything, except what leads to an http(s) or mailto address (INSPECT
# proves those are the only addresses left; following one would only leave the page).
EXERCISE = """
() => {
    const types = ["mouseover", "mouseenter", "focus", "focusin", "toggle", "animationstart"];
    const leaves = (element) => {
        const link = element.closest("a[href]");
        return link !== null && ["http:", "https:", "mailto:"].includes(link.protocol);
    };
    let clicked = 0;
    for (const element of document.querySelectorAll("main *")) {
        for (const type of types) {
            element.dispatchEvent(new Event(type, {bubbles: true}));
        }
        if (element.focus) element.focus();
        if (!leaves(element)) {
            element.click();
            clicked += 1;
        }
    }
    return clicked;
}
"""


def _members(names: list[str]) -> dict[str, MentionTarget]:
    return {
        name: MentionTarget(
            username=name,
            display_name=f'<img src=x onerror="alert(1)">{name}',
            url="javascript:alert(1)",
        )
        for name in names
    }


def _post_page() -> str:
    posts = [
        markdown_render(source=payload, mention_resolver=_members).html
        for payload in HTML_PAYLOADS + MARKDOWN_PAYLOADS
    ]
    posts += [html_sanitise(html=payload) for payload in HTML_PAYLOADS]
    return _page(posts)


def _page(posts: list[str]) -> str:
    body = "\n".join(f'<div class="post-body">{post}</div>' for post in posts)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payloads</title>'
        f"</head><body><main>{body}</main></body></html>"
    )


@pytest.fixture
def tab(browser) -> Iterator:
    context = browser.new_context()
    context.add_init_script(TRAP)
    tab = context.new_page()
    tab.dialogs = []
    tab.requests = []
    tab.html = _post_page()

    def dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    def answer(route):
        if route.request.url == ADDRESS:
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=tab.html)
        else:
            tab.requests.append(route.request.url)
            route.abort()

    tab.on("dialog", dialog)
    context.route("**/*", answer)
    yield tab
    context.close()


def test_no_payload_runs_in_the_browser(tab):
    tab.goto(ADDRESS)
    assert tab.evaluate(INSPECT) == []
    # Among what is clicked: the links that lost a dangerous address (a javascript: one would
    # run on this click).
    assert tab.evaluate(EXERCISE) > 100
    assert tab.locator("main a:not([href])").count() > 5
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__xss") == 0
    assert tab.dialogs == []
    assert tab.requests == []
    assert tab.url == ADDRESS


def test_the_trap_catches_a_payload_that_was_not_sanitised(tab):
    # Without this, the test above could pass on a page where nothing can run at all.
    tab.html = _page(['<img src="x" onerror="alert(1)">', '<a href="javascript:prompt(1)">x</a>'])
    tab.goto(ADDRESS)
    assert len(tab.evaluate(INSPECT)) == 4
    tab.evaluate(EXERCISE)
    tab.wait_for_timeout(300)
    assert tab.evaluate("window.__xss") == 2
