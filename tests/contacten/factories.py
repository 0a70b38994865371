"""Factories for meetings, agenda items, decisions and commitments."""

import datetime

import factory
from django.utils import timezone

from contacten.models import (
    Agendapunt,
    AgendapuntStatus,
    Besluit,
    Bezoek,
    Bezoeksoort,
    Bezoekstatus,
    Collegeperiode,
    Contactmoment,
    Dagdeel,
    Orgaan,
    Resultaat,
    Toezegging,
    Vergadering,
    VergaderStatus,
)
from tests.wijken.factories import BewonersgroepFactory, WijkFactory


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


def begin_huidige_periode(vandaag: datetime.date | None = None) -> datetime.date:
    """1 April of the term year (2026, 2030, …) on or before today."""
    vandaag = vandaag or timezone.localdate()
    jaar = vandaag.year - (vandaag.year - 2026) % 4
    if datetime.date(jaar, 4, 1) > vandaag:
        jaar -= 4
    return datetime.date(jaar, 4, 1)


class CollegeperiodeFactory(factory.django.DjangoModelFactory):
    """The term that includes today (2026–2030 style: four years from 1 April)."""

    class Meta:
        model = Collegeperiode
        django_get_or_create = ["naam"]

    begin = factory.LazyFunction(lambda: begin_huidige_periode())
    einde = factory.LazyAttribute(lambda o: datetime.date(o.begin.year + 4, 3, 31))
    naam = factory.LazyAttribute(lambda o: f"{o.begin.year}–{o.einde.year}")


class BezoekFactory(factory.django.DjangoModelFactory):
    """A planned college dagdeel two weeks from now; traits per kind and state."""

    class Meta:
        model = Bezoek
        skip_postgeneration_save = True

    soort = Bezoeksoort.COLLEGE_DAGDEEL
    wijk = factory.SubFactory(WijkFactory, met_staf=True)
    periode = factory.SubFactory(CollegeperiodeFactory)
    datum = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    dagdeel = Dagdeel.MIDDAG
    locatie = "Buurthuis De Kern"
    programma = "Wandeling door de wijk en gesprek met de wijkraad."
    status = Bezoekstatus.GEPLAND

    class Params:
        werkbezoek = factory.Trait(soort=Bezoeksoort.WERKBEZOEK)
        gehouden = factory.Trait(
            status=Bezoekstatus.GEHOUDEN,
            datum=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7)),
            verslag="Het college sprak met de wijkraad over de speeltuin.",
        )
        gepubliceerd = factory.Trait(
            status=Bezoekstatus.GEHOUDEN,
            datum=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=7)),
            verslag="Het college sprak met de wijkraad over de speeltuin.",
            verslag_gepubliceerd_op=factory.LazyFunction(timezone.now),
        )
        geannuleerd = factory.Trait(
            status=Bezoekstatus.GEANNULEERD, annuleringsreden="Het college is verhinderd."
        )

    @factory.post_generation
    def onderwerpen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.onderwerpen.set(extracted)

    @factory.post_generation
    def deelnemers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.deelnemers.set(extracted)


class ContactmomentFactory(factory.django.DjangoModelFactory):
    """A conversation with a group of the ward, logged by the ward advisor."""

    class Meta:
        model = Contactmoment

    wijk = factory.SubFactory(WijkFactory, met_staf=True)
    groep = factory.SubFactory(BewonersgroepFactory, wijk=factory.SelfAttribute("..wijk"))
    medewerker = factory.LazyAttribute(lambda o: o.wijk.wijkadviseur)
    vastgelegd_door = factory.LazyAttribute(lambda o: o.wijk.wijkadviseur)
    onderwerp = "Kennismaking met het nieuwe bestuur"
    notitie = "Het bestuur zoekt nog een penningmeester."

    class Params:
        met_bewoner = factory.Trait(groep=None, bewoner="Mevrouw Jansen")
        met_vervolg = factory.Trait(
            vervolg="Vacature penningmeester op de wijkpagina zetten.",
            vervolg_voor=factory.LazyFunction(
                lambda: timezone.localdate() + datetime.timedelta(days=14)
            ),
        )
