"""Factories for meetings, agenda items, decisions and commitments."""

import datetime

import factory
from django.utils import timezone

from contacten.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Orgaan,
    Resultaat,
    Toezegging,
    Vergadering,
    VergaderStatus,
)


class VergaderingFactory(factory.django.DjangoModelFactory):
    """A published college meeting a week from now; traits for the council and the past."""

    class Meta:
        model = Vergadering

    orgaan = Orgaan.COLLEGE
    begin = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    locatie = "Stadhuis, collegekamer"
    status = VergaderStatus.GEPUBLICEERD

    class Params:
        raad = factory.Trait(orgaan=Orgaan.GEMEENTERAAD, locatie="Raadzaal")
        concept = factory.Trait(status=VergaderStatus.CONCEPT)
        geweest = factory.Trait(
            begin=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=7)),
            status=VergaderStatus.AFGELOPEN,
        )


class AgendapuntFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agendapunt
        skip_postgeneration_save = True

    vergadering = factory.SubFactory(VergaderingFactory)
    volgorde = factory.Sequence(lambda n: n + 1)
    titel = factory.Sequence(lambda n: f"Agendapunt {n}")
    toelichting = "Voorstel om de wijk te helpen."
    status = AgendapuntStatus.GEAGENDEERD

    @factory.post_generation
    def onderwerpen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.onderwerpen.set(extracted)


class BesluitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Besluit

    agendapunt = factory.SubFactory(AgendapuntFactory)
    resultaat = Resultaat.AANGENOMEN
    toelichting = "Het college stemt in."


class ToezeggingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Toezegging

    besluit = factory.SubFactory(BesluitFactory)
    omschrijving = "De gemeente plaatst een snelheidsdisplay."
    verantwoordelijke = "Wethouder verkeer"
    datum = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
