"""What a step does is declared with the step (``initiatieven.workflow``), and checked.

Forgetting a declaration fails quietly elsewhere: a state in no group drops out of the work
queue, a step without an email leaves the submitter uninformed, a requirement without a form
field can never be met. ``workflow.fouten`` finds each of these; here it runs over every
state, step and requirement of the real table, and over broken tables it must reject.
"""

import dataclasses
import inspect

import pytest
from django.template.loader import get_template, render_to_string

from contacten.models import Orgaan, Resultaat
from initiatieven import keuzes, services, workflow
from initiatieven.forms_triage import StapForm
from initiatieven.models import Onderwerp
from initiatieven.workflow import (
    INVOER,
    OVERGANGEN,
    TOESTANDEN,
    Actor,
    Groep,
    Invoer,
    Mail,
    Status,
    Toestand,
    Vereiste,
    per_code,
)

S = Status

# --- the real table ----------------------------------------------------------------------


@pytest.mark.parametrize("status", list(Status), ids=str)
def test_elke_status_zit_in_precies_een_fase(status):
    assert workflow.toestandfouten(status, TOESTANDEN.get(status)) == []


@pytest.mark.parametrize("regel", OVERGANGEN, ids=lambda o: o.code)
def test_elke_stap_mailt_de_indiener_of_zegt_waarom_niet(regel):
    assert workflow.overgangfouten(regel) == []


@pytest.mark.parametrize("vereiste", list(Vereiste), ids=str)
def test_elke_vereiste_heeft_een_formulierveld(vereiste):
    assert workflow.invoerfouten(vereiste, INVOER.get(vereiste)) == []
    # The step form has the fields and the service takes them by the same names.
    argumenten = inspect.signature(services._overgang).parameters
    for veld in INVOER[vereiste].velden:
        assert veld in StapForm.base_fields
        assert veld in argumenten


def test_de_hele_tabel_is_in_orde():
    assert workflow.fouten() == []


def test_de_groepen_zijn_die_van_voorheen():
    """The derived groups are the ones that were kept by hand (written out here)."""
    afgeleid = {
        "lopend": keuzes.LOPEND,
        "afgesloten": keuzes.AFGESLOTEN,
        "afgehandeld": keuzes.AFGEHANDELD,
        "open": keuzes.OPEN,
        "geescaleerd": keuzes.GEESCALEERD,
    }
    lopend = {
        S.INGEDIEND,
        S.IN_BEHANDELING,
        S.IN_UITVOERING,
        S.BIJ_WIJKWETHOUDER,
        S.GEAGENDEERD_COLLEGE,
        S.GEAGENDEERD_RAAD,
    }
    assert afgeleid == {
        "lopend": lopend,
        "afgesloten": {S.AFGEROND, S.NIET_MOGELIJK, S.INGETROKKEN},
        "afgehandeld": {S.AFGEROND, S.NIET_MOGELIJK},
        "open": lopend | {S.NOG_NIET_MOGELIJK},
        "geescaleerd": {S.BIJ_WIJKWETHOUDER, S.GEAGENDEERD_COLLEGE, S.GEAGENDEERD_RAAD},
    }


def test_de_agenda_leest_de_tabel():
    assert workflow.OP_AGENDA_VAN == {
        Orgaan.COLLEGE: S.GEAGENDEERD_COLLEGE,
        Orgaan.GEMEENTERAAD: S.GEAGENDEERD_RAAD,
    }
    assert workflow.NA_BESLUIT == {
        Resultaat.AANGENOMEN: S.AFGEROND,
        Resultaat.AFGEWEZEN: S.NIET_MOGELIJK,
        Resultaat.AANGEHOUDEN: S.NOG_NIET_MOGELIJK,
        Resultaat.TERUG_NAAR_WIJK: S.IN_BEHANDELING,
        Resultaat.DOORVERWEZEN_RAAD: S.GEAGENDEERD_RAAD,
    }
    # Each decision's step is an agenda step the table allows from both agenda states.
    for besluit, naar in workflow.NA_BESLUIT.items():
        regel = next(o for o in OVERGANGEN if o.besluit == besluit)
        assert regel.via_agenda and regel.naar == naar


@pytest.mark.parametrize(
    "mail",
    sorted({m for o in OVERGANGEN for m in o.mails}, key=lambda m: m.template),
    ids=lambda m: m.template,
)
def test_elke_mail_heeft_zijn_templates_en_een_ontvanger(mail):
    get_template(f"{mail.template}.txt")
    get_template(f"{mail.template}.html")
    # The recipient is found on the item along a path that exists.
    model = Onderwerp
    for deel in workflow.PERSOON_VAN[mail.aan].split("."):
        veld = model._meta.get_field(deel)
        model = veld.related_model
    assert model._meta.label == "contacten.Gebruiker"


# --- broken tables are rejected ----------------------------------------------------------


def test_een_status_zonder_groep_wordt_geweigerd():
    zonder_groep = {**TOESTANDEN, S.NOG_NIET_MOGELIJK: Toestand(frozenset())}
    assert any("nog_niet_mogelijk" in f for f in workflow.fouten(toestanden=zonder_groep))

    vergeten = {s: t for s, t in TOESTANDEN.items() if s != S.IN_UITVOERING}
    assert any("in_uitvoering" in f for f in workflow.fouten(toestanden=vergeten))

    open_en_dicht = {
        **TOESTANDEN,
        S.INGEDIEND: Toestand(frozenset({Groep.LOPEND, Groep.AFGESLOTEN})),
    }
    assert workflow.toestandfouten(S.INGEDIEND, open_en_dicht[S.INGEDIEND])

    afgehandeld_niet_dicht = Toestand(frozenset({Groep.LOPEND, Groep.AFGEHANDELD}))
    assert workflow.toestandfouten(S.AFGEROND, afgehandeld_niet_dicht)

    rood = Toestand(frozenset({Groep.AFGESLOTEN}), kleur="danger")
    assert workflow.toestandfouten(S.NIET_MOGELIJK, rood)


def test_de_statusbadge_neemt_de_kleur_van_de_toestand():
    for status, kleur in [(S.INGEDIEND, "warning"), (S.NOG_NIET_MOGELIJK, "info")]:
        html = render_to_string(
            "initiatieven/includes/status.html", {"status": status, "label": status.label}
        )
        assert f"bg-{kleur}-subtle text-{kleur}-emphasis border-{kleur}-subtle" in html


def _tabel_met(regel):
    return tuple(regel if o.code == regel.code else o for o in OVERGANGEN)


def test_een_zichtbare_stap_zonder_mail_aan_de_indiener_wordt_geweigerd():
    stil = dataclasses.replace(per_code("afronden"), mails=())
    assert workflow.overgangfouten(stil)
    assert any("afronden" in f for f in workflow.fouten(overgangen=_tabel_met(stil)))

    # Only to the alderman: the submitter still hears nothing.
    alleen_wethouder = dataclasses.replace(per_code("escaleren"), mails=(workflow.ESCALATIE,))
    assert workflow.overgangfouten(alleen_wethouder)

    # Saying why is enough.
    met_reden = dataclasses.replace(stil, zonder_mail_indiener="the submitter asked for it")
    assert workflow.overgangfouten(met_reden) == []


def test_een_mail_die_de_eigen_stap_overslaat_telt_niet_als_alleen_de_indiener_hem_zet():
    """A submitter's step with only the 'news' email would never send it."""
    intrekken = dataclasses.replace(
        per_code("intrekken"), mails=(workflow.NIEUWS_VOOR_INDIENER,), zonder_mail_indiener=""
    )
    assert workflow.overgangfouten(intrekken)


def test_een_stap_naar_een_concept_hoeft_niet_te_mailen():
    terug = dataclasses.replace(per_code("intrekken"), naar=S.CONCEPT, zonder_mail_indiener="")
    assert workflow.overgangfouten(terug) == []


def test_een_mail_aan_de_griffie_wordt_geweigerd():
    aan_griffie = Mail("initiatieven/email/agenda", Actor.GRIFFIE, "x")
    regel = dataclasses.replace(
        per_code("afronden"), mails=(*per_code("afronden").mails, aan_griffie)
    )
    assert any("griffie" in f for f in workflow.overgangfouten(regel))


def test_een_vereiste_zonder_formulierveld_wordt_geweigerd():
    zonder = {v: i for v, i in INVOER.items() if v != Vereiste.HERBEZIEN}
    gevonden = workflow.fouten(invoer=zonder)
    assert any(f.startswith("herbezien:") for f in gevonden)
    # And every step that requires it is named.
    assert any(f.startswith("nog_niet_mogelijk:") for f in gevonden)

    assert workflow.invoerfouten(Vereiste.ADVIES, Invoer((), "Give your advice."))


def test_twee_stappen_voor_een_besluit_worden_geweigerd():
    dubbel = dataclasses.replace(per_code("besluit_afgewezen"), besluit="aangenomen")
    assert any("aangenomen" in f for f in workflow.fouten(overgangen=_tabel_met(dubbel)))
