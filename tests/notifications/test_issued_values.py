"""Values issued when an email is sent (reply addresses) replace the markers its templates
wrote, in the subject, the bodies and the headers (notifications/emails.py)."""

import pytest
from django.template import Context, Template

from notifications.emails import RenderedEmail, issued_fill, issued_marker


def test_markers_are_replaced_everywhere_and_escaped_in_html():
    marker = issued_marker("week")
    rendered = RenderedEmail(
        subject=f"Write to {marker}",
        text=f"Address: {marker}\nOther: {issued_marker('question-2')}",
        html=f'<a href="mailto:{marker}">{marker}</a>',
        unsubscribe_url="https://example.org/u/",
    )

    filled, headers = issued_fill(
        rendered=rendered,
        headers={"Reply-To": marker, "List-Id": "<x.example.org>"},
        values={"week": "reply+k<1>@example.org"},
    )

    assert filled.subject == "Write to reply+k<1>@example.org"
    # A marker without a value leaves nothing behind.
    assert filled.text == "Address: reply+k<1>@example.org\nOther: "
    assert filled.html == (
        '<a href="mailto:reply+k&lt;1&gt;@example.org">reply+k&lt;1&gt;@example.org</a>'
    )
    assert headers == {"Reply-To": "reply+k<1>@example.org", "List-Id": "<x.example.org>"}
    assert filled.unsubscribe_url == rendered.unsubscribe_url


def test_the_template_tag_writes_a_marker_that_html_escaping_keeps():
    template = Template('{% load notification_tags %}<a href="mailto:{% issued slot %}">')
    html = template.render(Context({"slot": "question-3"}))
    assert html == f'<a href="mailto:{issued_marker("question-3")}">'


def test_a_marker_name_is_plain():
    with pytest.raises(ValueError):
        issued_marker("Week <1>")
