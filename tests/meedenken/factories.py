"""Factories of consultation questions, with a trait per state."""

import datetime

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from meedenken.models import (
    Aanmelding,
    Beoordeling,
    Bijeenkomst,
    Inbreng,
    Inbrengbijlage,
    Keuzeoptie,
    Meedenkvraag,
    Terugkoppeling,
    Vraagbijlage,
)
from tests.bestanden import pdf
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import ThemaFactory
from tests.wijken.factories import WijkFactory


def _over(**kwargs):
    return factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(**kwargs))


def _datum_over(**kwargs):
    return factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(**kwargs))


class MeedenkvraagFactory(factory.django.DjangoModelFactory):
    """An open, published question to one ward (``wijken=[...]`` to choose them; by
    default a new ward with its officials, asked by its advisor). Traits: ``concept``,
    ``aangekondigd``, ``gesloten``, ``te_laat``; ``opties=[...]`` adds options."""

    class Meta:
        model = Meedenkvraag
        skip_postgeneration_save = True

    titel = factory.Sequence(lambda n: f"Hoe richten we het Stationsplein in? {n}")
    vraag = "Wat vindt u belangrijk bij de nieuwe inrichting van het plein?"
    achtergrond = "Het plein wordt in 2027 opnieuw ingericht. Het budget ligt vast."
    thema = factory.SubFactory(ThemaFactory)
    open_vanaf = _over(days=-7)
    sluit_op = _over(days=14)
    terugkoppeling_voor = _datum_over(days=60)
    gepubliceerd_op = _over(days=-7)
    gesteld_door = None

    class Params:
        concept = factory.Trait(gepubliceerd_op=None)
        aangekondigd = factory.Trait(open_vanaf=_over(days=3), gepubliceerd_op=_over(days=-1))
        gesloten = factory.Trait(
            open_vanaf=_over(days=-40), sluit_op=_over(days=-5), gepubliceerd_op=_over(days=-40)
        )
        te_laat = factory.Trait(
            open_vanaf=_over(days=-80),
            sluit_op=_over(days=-50),
            terugkoppeling_voor=_datum_over(days=-3),
            gepubliceerd_op=_over(days=-80),
        )

    @factory.post_generation
    def wijken(obj, create, extracted, **kwargs):
        if not create:
            return
        if extracted is None and not obj.alle_wijken:
            extracted = [WijkFactory(met_staf=True)]
        if extracted:
            obj.wijken.set(extracted)
            if obj.gesteld_door_id is None:
                obj.gesteld_door = extracted[0].wijkadviseur
                obj.save(update_fields=["gesteld_door"])

    @factory.post_generation
    def opties(obj, create, extracted, **kwargs):
        if create and extracted:
            for i, tekst in enumerate(extracted):
                Keuzeoptie.objects.create(vraag=obj, tekst=tekst, volgorde=i)


class InbrengFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inbreng

    vraag = factory.SubFactory(MeedenkvraagFactory)
    gebruiker = factory.SubFactory(GebruikerFactory)
    tekst = "Meer groen en bankjes in de schaduw."

    class Params:
        openbaar = factory.Trait(beoordeling=Beoordeling.OPENBAAR)


class BijeenkomstFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Bijeenkomst

    vraag = factory.SubFactory(MeedenkvraagFactory)
    begint = _over(days=5)
    eindigt = _over(days=5, hours=2)
    plaats = "Buurthuis De Linde, Lindenlaan 4"
    toegankelijkheid = "Drempelvrije ingang, ringleiding."
    max_deelnemers = 30


class AanmeldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Aanmelding

    bijeenkomst = factory.SubFactory(BijeenkomstFactory)
    gebruiker = factory.SubFactory(GebruikerFactory)


class TerugkoppelingFactory(factory.django.DjangoModelFactory):
    """Written feedback; ``gepubliceerd=True`` publishes it."""

    class Meta:
        model = Terugkoppeling

    vraag = factory.SubFactory(MeedenkvraagFactory, gesloten=True)
    samenvatting = "Veel mensen willen meer groen."
    besluit = "We planten twintig bomen."
    waarom = "Schaduw en koelte in de zomer."

    class Params:
        gepubliceerd = factory.Trait(gepubliceerd_op=factory.LazyFunction(timezone.now))


#: A PDF that passes ``initiatieven.bijlagen.controleer_bijlage``.
PDF = pdf()


class _BijlageBasis(factory.django.DjangoModelFactory):
    """A stored PDF, as ``controleer_bijlage`` would have left it (random stored name)."""

    class Meta:
        abstract = True

    bestand = factory.LazyFunction(lambda: ContentFile(PDF, name="0f1e2d3c.pdf"))
    oorspronkelijke_naam = "plankaart.pdf"
    inhoudstype = "application/pdf"
    grootte = len(PDF)


class VraagbijlageFactory(_BijlageBasis):
    class Meta:
        model = Vraagbijlage

    vraag = factory.SubFactory(MeedenkvraagFactory)


class InbrengbijlageFactory(_BijlageBasis):
    class Meta:
        model = Inbrengbijlage

    inbreng = factory.SubFactory(InbrengFactory)
    oorspronkelijke_naam = "mijn-schets.pdf"
