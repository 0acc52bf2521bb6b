"""Printing: every page links the print stylesheet for print only, and the stylesheet that gives
it the site's address (for the whole addresses printed after relative links) names the address
the page was read at."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_pages_link_the_print_stylesheets_for_print_only(client):
    html = client.get("/en/accounts/login/").content.decode()

    links = re.findall(r'<link rel="stylesheet" href="([^"]+)"( media="print")?>', html)
    printed = [href for href, media in links if media]
    assert any(href.endswith("css/print.css") for href in printed)
    assert "/site-address.css" in printed


def test_the_site_address_stylesheet_names_the_address_the_page_was_read_at(client):
    response = client.get("/site-address.css", HTTP_HOST="convive.example.org", secure=True)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert '--site-address: "https://convive.example.org";' in response.content.decode()
    assert "public" in response["Cache-Control"]
