"""Factories for items, with a trait per workflow state."""

import datetime
import uuid

import factory
from django.utils import timezone

from initiatieven.keuzes import Soort, Status
from initiatieven.models import Actie, Onderwerp, Thema
from tests.factories import GebruikerFactory
from tests.wijken.factories import WijkFactory


class ThemaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Thema
        django_get_or_create = ["naam"]

    naam = factory.Iterator(["Groen en spelen", "Verkeer en parkeren", "Veiligheid", "Jeugd"])


class OnderwerpFactory(factory.django.DjangoModelFactory):
    """A submitted item; ``status=...`` traits set a consistent state for each step."""

    class Meta:
        model = Onderwerp

    soort = Soort.INITIATIEF
    status = Status.INGEDIEND
    titel = factory.Sequence(lambda n: f"Moestuin in het park {n}")
    beschrijving = "We willen met de buurt een moestuin beginnen naast de speeltuin."
    thema = factory.SubFactory(ThemaFactory)
    wijk = factory.SubFactory(WijkFactory, met_staf=True)
    indiener = factory.SubFactory(GebruikerFactory)
    ingediend_op = factory.LazyFunction(timezone.now)
    eerste_reactie_voor = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=14)
    )
    idempotentiesleutel = factory.LazyFunction(uuid.uuid4)

    class Params:
        knelpunt = factory.Trait(soort=Soort.KNELPUNT, titel="Gevaarlijke oversteek bij school")
        concept = factory.Trait(status=Status.CONCEPT, ingediend_op=None, eerste_reactie_voor=None)
        openbaar_ = factory.Trait(openbaar=True, gepubliceerd_op=factory.LazyFunction(timezone.now))
        te_laat = factory.Trait(
            eerste_reactie_voor=factory.LazyFunction(
                lambda: timezone.localdate() - datetime.timedelta(days=3)
            )
        )
        afgerond = factory.Trait(status=Status.AFGEROND, resultaat="De moestuin is er.")
        nog_niet = factory.Trait(
            status=Status.NOG_NIET_MOGELIJK,
            herbezien_op=factory.LazyFunction(timezone.localdate),
        )


class ActieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actie

    onderwerp = factory.SubFactory(OnderwerpFactory)
    omschrijving = "Bewoners uitnodigen voor een avond"
    eigenaar = "Wijkadviseur"
