import pytest

from tests.factories import GebruikerFactory
from tests.wijken.factories import BewonersgroepFactory, WijkFactory


@pytest.fixture
def wijk(db):
    """A ward with a designated advisor, community worker and alderman."""
    return WijkFactory(met_staf=True)


@pytest.fixture
def andere_wijk(db):
    return WijkFactory(met_staf=True)


@pytest.fixture
def groepscontact(db):
    return GebruikerFactory()


@pytest.fixture
def groep(wijk, groepscontact):
    return BewonersgroepFactory(wijk=wijk, contactpersonen=[groepscontact])
