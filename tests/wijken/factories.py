"""Factories of the wijken app, with a trait per state."""

import factory
from django.utils import timezone

from tests.factories import GebruikerFactory
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Buurt,
    Functiesoort,
    Groepssoort,
    Interessereactie,
    Kerncijfers,
    Overnemer,
    Terugvalregeling,
    TerugvalTaak,
    Wijk,
    Wijkprofessional,
    WijkraadStatus,
)


class WijkFactory(factory.django.DjangoModelFactory):
    """A ward; ``met_staf=True`` designates an advisor and a community worker (with a
    second factor, so they reach the management pages)."""

    class Meta:
        model = Wijk

    code = factory.Sequence(lambda n: f"WK88{n:04d}")
    naam = factory.Sequence(lambda n: f"Wijk {n}")
    gemeentecode = "GM8800"
    gemeentenaam = "Testgemeente"
    contact_email = factory.Sequence(lambda n: f"wijk{n}@gemeente.example.test")

    class Params:
        met_staf = factory.Trait(
            wijkadviseur=factory.SubFactory(
                GebruikerFactory, wijkadviseur=True, tweede_factor=True
            ),
            opbouwwerker=factory.SubFactory(
                GebruikerFactory, opbouwwerker=True, tweede_factor=True
            ),
            wijkwethouder=factory.SubFactory(
                GebruikerFactory, wijkwethouder=True, tweede_factor=True
            ),
        )


class BuurtFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Buurt

    code = factory.Sequence(lambda n: f"BU88{n:06d}")
    naam = factory.Sequence(lambda n: f"Buurt {n}")
    wijk = factory.SubFactory(WijkFactory)
    cbs_wijkcode = factory.LazyAttribute(lambda o: o.wijk.code)


class KerncijfersFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kerncijfers

    buurt = factory.SubFactory(BuurtFactory)
    jaar = 2025
    aantal_inwoners = 1000
    aantal_huishoudens = 450
    p_00_14 = 15
    p_15_24 = 12
    p_25_44 = 28
    p_45_64 = 25
    p_65_eo = 20


class BewonersgroepFactory(factory.django.DjangoModelFactory):
    """A group; traits ``wijkraad`` (active), ``onvolledig`` and ``gestopt`` make a ward
    council in that state; ``contactpersonen=[...]`` sets its contacts."""

    class Meta:
        model = Bewonersgroep
        skip_postgeneration_save = True

    naam = factory.Sequence(lambda n: f"Groep {n}")
    soort = Groepssoort.BUURTVERENIGING
    wijk = factory.SubFactory(WijkFactory)
    beschrijving = "Een groep in de wijk."
    email = factory.Sequence(lambda n: f"groep{n}@example.test")
    wijkraad_status = ""

    class Params:
        wijkraad = factory.Trait(soort=Groepssoort.WIJKRAAD, wijkraad_status=WijkraadStatus.ACTIEF)
        onvolledig = factory.Trait(
            soort=Groepssoort.WIJKRAAD, wijkraad_status=WijkraadStatus.ONVOLLEDIG
        )
        gestopt = factory.Trait(soort=Groepssoort.WIJKRAAD, wijkraad_status=WijkraadStatus.GESTOPT)

    @factory.post_generation
    def contactpersonen(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.contactpersonen.set(extracted)


class BestuursfunctieFactory(factory.django.DjangoModelFactory):
    """A filled seat; ``vacant=True`` makes it an open vacancy."""

    class Meta:
        model = Bestuursfunctie

    groep = factory.SubFactory(BewonersgroepFactory)
    functie = Functiesoort.VOORZITTER
    naam = "Anna de Vries"

    class Params:
        vacant = factory.Trait(
            is_vacant=True,
            naam="",
            vacaturetekst="Wij zoeken iemand die mee wil denken.",
            vacant_sinds=factory.LazyFunction(timezone.localdate),
        )


class InteressereactieFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interessereactie

    functie = factory.SubFactory(BestuursfunctieFactory, vacant=True)
    gebruiker = factory.SubFactory(GebruikerFactory)
    bericht = "Ik wil graag helpen."


class WijkprofessionalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Wijkprofessional

    wijk = factory.SubFactory(WijkFactory)
    naam = factory.Sequence(lambda n: f"Professional {n}")
    rol = "Wijkagent"
    organisatie = "Politie"
    telefoon = "0900-8844"


class TerugvalregelingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Terugvalregeling

    groep = factory.SubFactory(BewonersgroepFactory, gestopt=True)
    ingang = factory.LazyFunction(timezone.localdate)
    aanspreekpunt = Overnemer.OPBOUWWERKER
    toelichting = "Maatwerk voor deze wijk."


class TerugvalTaakFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerugvalTaak

    regeling = factory.SubFactory(TerugvalregelingFactory)
    taak = "Aanspreekpunt voor de gemeente"
    overnemer = Overnemer.OPBOUWWERKER
