"""The one place that reads what visitors send (network/inputs.py)."""

import pytest
from django.http import QueryDict

from network.inputs import (
    MAX_VALUES_PER_PARAMETER,
    image_pixels_validate,
    integer_parse,
    text_clean,
    values_parse,
)
from tests.images import png_of_size


@pytest.mark.parametrize("raw", ["²", "①", "2023²", "٢٠٢٣", "+2023", "20 23", "2023.0", "", "x"])
def test_only_ascii_digits_are_integers(raw):
    assert integer_parse(raw, minimum=0, maximum=10_000) is None


def test_integers_keep_to_their_range():
    assert integer_parse(" 2023 ", minimum=1950, maximum=2100) == 2023
    assert integer_parse("1949", minimum=1950, maximum=2100) is None
    assert integer_parse("9" * 400, minimum=0, maximum=10) is None


def test_text_loses_nul_and_control_characters_and_keeps_the_rest():
    assert text_clean("sa\x00lud\x07  \u202emigración\n", max_length=200) == "salud \u202emigración"
    assert text_clean("x" * 500, max_length=200) == "x" * 200


def test_repeated_values_are_deduplicated_and_capped():
    params = QueryDict(mutable=True)
    params.setlist("country", [code for n in range(900) for code in ("MX", f"C{n}")])
    values = values_parse(params, "country", clean=lambda value: value or None)
    assert values[0] == "MX"
    assert len(values) == MAX_VALUES_PER_PARAMETER == len(set(values))


def test_an_image_with_too_many_pixels_is_refused_from_its_header(settings):
    from django.core.exceptions import ValidationError

    settings.MAX_IMAGE_PIXELS = 40_000_000
    image_pixels_validate(png_of_size(6000, 6000))  # 36 megapixels: accepted
    for width, height in [(8000, 6000), (20000, 20000)]:  # 48 and 400 (a bomb)
        with pytest.raises(ValidationError, match="at most 40 megapixels"):
            image_pixels_validate(png_of_size(width, height))


def test_too_many_parameters_answer_400_also_with_debug_on(client, db, settings):
    """``make run`` runs with DEBUG: Django's debug page read the query string again and
    answered 500."""
    settings.DEBUG = True
    client.raise_request_exception = False
    response = client.get("/en/search/?" + "&".join(["q=x"] * 5000))
    assert response.status_code == 400
    assert "too many parameters" in response.content.decode()
