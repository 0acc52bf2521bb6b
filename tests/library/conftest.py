import pytest

from . import builders


@pytest.fixture
def homes(db):
    """The home page of each language, as the outreach data migration leaves them."""
    return builders.homes()


@pytest.fixture
def library(homes):
    return builders.library(homes["en"])
