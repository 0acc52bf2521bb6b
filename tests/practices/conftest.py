import pytest

from tests.outreach import builders


@pytest.fixture
def homes(db):
    """The home page of each language, as the data migration leaves them."""
    return builders.homes()


@pytest.fixture
def directory(homes):
    """The practice directory in English and Spanish (French and Portuguese have none)."""
    from .builders import practice_index

    english = practice_index(homes["en"])
    spanish = builders.translate(english, homes["es"], code="es", slug="practicas")
    return {"en": english, "es": spanish}
