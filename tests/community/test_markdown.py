"""What a post written in Markdown looks like once rendered (network.community.markdown)."""

import pytest

from network.community.cards import LinkCard
from network.community.markdown import MentionTarget, markdown_render

SITE = "https://convive.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def html(source: str, **options) -> str:
    return markdown_render(source=source, **options).html.strip()


def test_emphasis_strong_and_strikethrough():
    assert (
        html("*one* **two** ~~three~~") == "<p><em>one</em> <strong>two</strong> <s>three</s></p>"
    )


def test_nested_and_ordered_lists():
    rendered = html("- housing\n  - shelters\n- health\n\n3. apply\n4. wait")
    assert rendered == (
        "<ul>\n<li>housing\n<ul>\n<li>shelters</li>\n</ul>\n</li>\n<li>health</li>\n</ul>\n"
        '<ol start="3">\n<li>apply</li>\n<li>wait</li>\n</ol>'
    )


def test_nested_block_quotes():
    assert html("> Ana wrote:\n>> we need beds") == (
        "<blockquote>\n<p>Ana wrote:</p>\n<blockquote>\n<p>we need beds</p>\n</blockquote>\n"
        "</blockquote>"
    )


def test_inline_code_and_fenced_code_keep_their_text():
    assert html("run `manage.py <migrate>`") == "<p>run <code>manage.py &lt;migrate&gt;</code></p>"
    assert html("```python\nif a < b:\n    pass\n```") == (
        '<pre><code class="language-python">if a &lt; b:\n    pass\n</code></pre>'
    )


def test_a_code_language_that_is_not_a_word_is_dropped():
    assert html('```x" onmouseover="alert(1)\ncode\n```') == "<pre><code>code\n</code></pre>"


def test_headings_go_under_the_pages_own_without_skipping_a_level():
    assert html("# One\n## Two\n### Three\n#### Four\n###### Six") == (
        "<h3>One</h3>\n<h4>Two</h4>\n<h5>Three</h5>\n<h6>Four</h6>\n<h6>Six</h6>"
    )
    # The highest level a text uses is an h3, the next one an h4, whatever their marks.
    assert html("## Week 1\n#### Question 1") == "<h3>Week 1</h3>\n<h4>Question 1</h4>"


def test_horizontal_rule_and_line_breaks_as_typed():
    assert html("Ana\nCity hall\n\n---") == "<p>Ana<br>\nCity hall</p>\n<hr>"


def test_raw_html_is_shown_as_text():
    assert html("<b>bold</b> <div>block</div>") == (
        "<p>&lt;b&gt;bold&lt;/b&gt; &lt;div&gt;block&lt;/div&gt;</p>"
    )


def test_a_table_scrolls_in_its_own_labelled_region():
    rendered = html("| City | Beds |\n|:--|--:|\n| Lima | 40 |")
    assert rendered == (
        '<div class="post-table" role="region" tabindex="0" aria-label="Table"><table>\n'
        '<thead>\n<tr>\n<th class="align-left">City</th>\n<th class="align-right">Beds</th>\n'
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td class="align-left">Lima</td>\n<td class="align-right">40</td>\n'
        "</tr>\n</tbody>\n</table>\n</div>"
    )


def test_external_links_are_nofollowed_and_internal_ones_are_not():
    rendered = markdown_render(
        source=f"[guide](https://other.example/guide) [ours]({SITE}/es/) [here](/fr/)"
    )
    assert rendered.html.strip() == (
        '<p><a href="https://other.example/guide" rel="nofollow ugc noopener">guide</a> '
        f'<a href="{SITE}/es/">ours</a> <a href="/fr/">here</a></p>'
    )
    assert rendered.links == ("https://other.example/guide", f"{SITE}/es/", "/fr/")
    assert "target" not in rendered.html


def test_a_new_members_internal_links_are_nofollowed_too():
    assert html("[ours](/es/) [theirs](https://other.example/)", nofollow_all=True) == (
        '<p><a href="/es/" rel="nofollow ugc">ours</a> '
        '<a href="https://other.example/" rel="nofollow ugc noopener">theirs</a></p>'
    )


def test_a_protocol_relative_link_is_external():
    assert html("[x](//other.example/a)") == (
        '<p><a href="//other.example/a" rel="nofollow ugc noopener">x</a></p>'
    )


def test_autolinks_and_bare_addresses_become_links():
    rendered = markdown_render(
        source="<https://other.example/a> and www.example.org, write to ana@example.org."
    )
    assert rendered.html.strip() == (
        '<p><a href="https://other.example/a" rel="nofollow ugc noopener">'
        "https://other.example/a</a> and "
        '<a href="http://www.example.org" rel="nofollow ugc noopener">www.example.org</a>, '
        'write to <a href="mailto:ana@example.org" rel="nofollow ugc noopener">'
        "ana@example.org</a>.</p>"
    )
    assert rendered.links == (
        "https://other.example/a",
        "http://www.example.org",
        "mailto:ana@example.org",
    )


def test_images_are_links_to_the_image():
    assert html("![Map of the shelters](https://other.example/map.png)") == (
        '<p><a href="https://other.example/map.png" rel="nofollow ugc noopener">'
        "Map of the shelters</a></p>"
    )
    assert html("![](/media/images/map.png)") == (
        '<p><a href="/media/images/map.png">/media/images/map.png</a></p>'
    )
    assert "<img" not in html("![x](https://other.example/pixel.gif)")


def test_an_image_given_as_data_keeps_its_text_and_no_address():
    rendered = markdown_render(source="![chart](data:image/png;base64,AAAA)")
    assert rendered.html.strip() == "<p>chart</p>"
    assert rendered.links == ()


def members(names: list[str]) -> dict[str, MentionTarget]:
    known = {
        "ana": MentionTarget(username="ana", display_name="Ana Ruiz", url="/es/members/ana/"),
        "paulo.s": MentionTarget(username="paulo.s", display_name="Paulo", url="/pt/m/paulo/"),
    }
    return {name: known[name] for name in names if name in known}


def test_mentions_of_members_become_links_and_others_stay_text():
    asked = []

    def resolver(names):
        asked.append(names)
        return members(names)

    rendered = markdown_render(
        source="Thanks @ana. Ask @paulo.s, @nobody and @ana again!", mention_resolver=resolver
    )
    assert rendered.html.strip() == (
        '<p>Thanks <a class="mention" href="/es/members/ana/">@Ana Ruiz</a>. '
        'Ask <a class="mention" href="/pt/m/paulo/">@Paulo</a>, @nobody and '
        '<a class="mention" href="/es/members/ana/">@Ana Ruiz</a> again!</p>'
    )
    assert rendered.mentions == ("ana", "paulo.s")
    assert asked == [["ana", "paulo.s", "nobody"]]


def test_a_member_mentioned_twice_with_different_case_is_one_mention():
    def resolver(names):
        return {
            name: MentionTarget(username="ana", display_name="Ana", url="/m/ana/")
            for name in names
            if name.lower() == "ana"
        }

    rendered = markdown_render(source="@Ana and @ana", mention_resolver=resolver)
    assert rendered.mentions == ("ana",)
    assert rendered.html.count('<a class="mention" href="/m/ana/">@Ana</a>') == 2


def test_no_mention_in_code_links_or_email_addresses():
    source = "`@ana` [@ana](/es/) ana@example.org x@ana\n\n```\n@ana\n```"
    rendered = markdown_render(source=source, mention_resolver=members)
    assert rendered.mentions == ()
    assert 'class="mention"' not in rendered.html


def test_a_mention_in_emphasis_and_in_parentheses():
    rendered = markdown_render(source="**@ana** (@paulo.s)", mention_resolver=members)
    assert rendered.html.strip() == (
        '<p><strong><a class="mention" href="/es/members/ana/">@Ana Ruiz</a></strong> '
        '(<a class="mention" href="/pt/m/paulo/">@Paulo</a>)</p>'
    )


def test_a_display_name_is_escaped():
    def resolver(names):
        return {"ana": MentionTarget(username="ana", display_name="<b>Ana</b>", url="/m/ana/")}

    assert html("@ana", mention_resolver=resolver) == (
        '<p><a class="mention" href="/m/ana/">@&lt;b&gt;Ana&lt;/b&gt;</a></p>'
    )


CARD = LinkCard(
    kind="practice",
    title="Community gardens <for> newcomers",
    summary="Plots shared by old and new neighbours.",
    url="/es/practicas/huertas/",
    meta="Colombia",
)


def test_a_paragraph_that_is_only_an_internal_link_becomes_a_card():
    asked = []

    def resolver(url):
        asked.append(url)
        return CARD

    rendered = markdown_render(
        source=f"Look:\n\n{SITE}/es/practicas/huertas/\n\n[the gardens](/es/practicas/huertas/)",
        card_resolver=resolver,
    )
    card = (
        '<aside class="link-card link-card--practice">'
        '<a class="link-card__title" href="/es/practicas/huertas/">'
        "Community gardens &lt;for&gt; newcomers</a>"
        '<p class="link-card__summary">Plots shared by old and new neighbours.</p>'
        '<p class="link-card__meta">Colombia</p></aside>'
    )
    assert rendered.html.strip() == f"<p>Look:</p>\n{card}\n{card}"
    assert asked == [f"{SITE}/es/practicas/huertas/", "/es/practicas/huertas/"]
    assert rendered.links == (f"{SITE}/es/practicas/huertas/", "/es/practicas/huertas/")


def test_external_links_and_links_inside_sentences_are_never_cards():
    asked = []

    def resolver(url):
        asked.append(url)
        return CARD

    rendered = html(
        "https://other.example/es/practicas/huertas/\n\nsee /es/ and [this](/es/practicas/x/)",
        card_resolver=resolver,
    )
    assert asked == []
    assert "link-card" not in rendered


def test_a_link_the_resolver_does_not_know_stays_a_link():
    assert html("/es/\n\n[home](/es/)", card_resolver=lambda url: None) == (
        '<p>/es/</p>\n<p><a href="/es/">home</a></p>'
    )
