import pytest

from . import builders


@pytest.fixture
def homes(db):
    """The home page of each language, as the data migration leaves them."""
    return builders.homes()


@pytest.fixture
def home(homes):
    return homes["en"]
