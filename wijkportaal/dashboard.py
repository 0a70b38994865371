"""The ward dashboard, the printable ward report and the college overview.

Composition only: each figure is read from the app that owns it (items from
``initiatieven.querysets``, groups from ``wijken``, visits and contact moments from
``contacten``) and put together here for the pages in ``wijkportaal.views_dashboard``.

Every function below runs a fixed number of queries, whatever the number of items,
groups or wards: counts are aggregated in the database (one query for all figures, one
for the open items per status, kind and theme, two for the trend), lists are sliced.
What the pages cache is declared with the views (``wijkportaal.views_dashboard``).
The definitions of the figures are documented in docs/dashboard.md.
"""

import datetime
import operator
from collections import defaultdict
from functools import reduce

from django.db.models import (
    BooleanField,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from contacten.models import (
    Agendapunt,
    Besluit,
    Bezoek,
    Bezoeksoort,
    Bezoekstatus,
    Collegeperiode,
    Contactmoment,
    Rol,
)
from contacten.permissions import (
    heeft_rol,
    is_college_of_griffie,
    mag_bezoek_beheren,
    mag_collegeoverzicht_zien,
    mag_contactlog_zien,
)
from initiatieven.keuzes import Soort, Status
from initiatieven.models import Onderwerp
from initiatieven.querysets import KENGETALLEN, OPEN
from wijken import datums
from wijken.grafieken import Grafiek, mooi_maximum, schaalstreepjes
from wijken.models import (
    Bestuursfunctie,
    Bewonersgroep,
    Groepssoort,
    Kerncijfers,
    Terugvalregeling,
    TerugvalTaak,
    Wijk,
    WijkraadStatus,
    profiel_uit,
)
from wijken.weergave import url_per_code, url_per_sleutel

#: How many rows the dashboard's short lists show; the full list is one click away.
KORTE_LIJST = 5
#: A group without a contact moment in this many days counts as "without contact".
CONTACT_TERMIJN_DAGEN = 365
#: Months in the trend of raised and settled items.
TREND_MAANDEN = 12
#: Decisions in the ward report.
AANTAL_BESLUITEN = 10


# --- short lists ----------------------------------------------------------------------------


def _volgorde(veld: str):
    return F(veld[1:]).desc() if veld.startswith("-") else F(veld).asc()


def korte_lijsten(queryset, aantal: int, lijsten: dict[str, tuple[Q, tuple[str, ...]]]):
    """Several short lists from one table in one query: {name: the first ``aantal`` rows
    that meet the list's condition, in the list's order}. A row may be in more than one
    list. A window function numbers the rows of each list and the database returns only
    the first ones, so the query stays one and its result small, however many rows match.
    """
    lid = {
        f"_in_{naam}": ExpressionWrapper(voorwaarde, output_field=BooleanField())
        for naam, (voorwaarde, _volgorde_) in lijsten.items()
    }
    rang = {
        f"_rang_{naam}": Window(
            RowNumber(),
            partition_by=[F(f"_in_{naam}")],
            order_by=[_volgorde(veld) for veld in volgorde],
        )
        for naam, (_voorwaarde, volgorde) in lijsten.items()
    }
    rijen = list(
        queryset.filter(reduce(operator.or_, (voorwaarde for voorwaarde, _ in lijsten.values())))
        .annotate(**lid)
        .annotate(**rang)
        .filter(
            reduce(
                operator.or_,
                (Q(**{f"_in_{naam}": True, f"_rang_{naam}__lte": aantal}) for naam in lijsten),
            )
        )
        .order_by()
    )
    return {
        naam: sorted(
            (
                r
                for r in rijen
                if getattr(r, f"_in_{naam}") and getattr(r, f"_rang_{naam}") <= aantal
            ),
            key=lambda r, naam=naam: getattr(r, f"_rang_{naam}"),
        )
        for naam in lijsten
    }


# --- which wards, which items ---------------------------------------------------------------


def eigen_wijken(user):
    """The wards listed on the person's dashboard start page: the wards an alderman,
    advisor or community worker is designated for; every ward for the other members of
    the college and the griffie (and for an alderman without a ward of their own)."""
    alle = Wijk.objects.order_by("naam")
    if heeft_rol(user, Rol.WIJKWETHOUDER):
        eigen = alle.filter(wijkwethouder=user)
        return eigen if eigen.exists() else alle
    if is_college_of_griffie(user):
        return alle
    if heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER):
        return Wijk.objects.beheerd_door(user).order_by("naam")
    return Wijk.objects.none()


def onderwerpen_van(user, wijk):
    """The ward's items this person may see, drafts never: what every figure counts and
    the list behind a figure shows (staff see the non-public items of their wards)."""
    return Onderwerp.objects.zichtbaar_voor(user).filter(wijk=wijk).exclude(status=Status.CONCEPT)


# --- civil society ---------------------------------------------------------------------------


def kies_wijkraad(raden):
    """The ward council that counts: one that has not stopped, else the latest stopped one
    (the same rule as the ward page)."""
    lopend = [g for g in raden if g.wijkraad_status != WijkraadStatus.GESTOPT]
    if lopend:
        return lopend[0]
    return max(raden, key=lambda g: g.gewijzigd, default=None)


def _contactgrens(vandaag: datetime.date | None = None) -> datetime.date:
    return (vandaag or timezone.localdate()) - datetime.timedelta(days=CONTACT_TERMIJN_DAGEN)


def _zonder_contact(grens: datetime.date) -> Q:
    return Q(laatste_contact__isnull=True) | Q(laatste_contact__lt=grens)


def _met_laatste_contact(groepen):
    """``laatste_contact``: the date of the group's last contact moment, None when never.
    A subquery rather than a GROUP BY, so other joins can sit next to it."""
    laatste = (
        Contactmoment.objects.filter(groep=OuterRef("pk")).order_by("-datum").values("datum")[:1]
    )
    return groepen.annotate(laatste_contact=Subquery(laatste))


def groepen_zonder_contact(wijk, *, vandaag: datetime.date | None = None):
    """Groups of the ward without any contact moment in the last ``CONTACT_TERMIJN_DAGEN``
    days, with the date of their last contact (``laatste_contact``, None when never).
    One query."""
    return (
        _met_laatste_contact(Bewonersgroep.objects.filter(wijk=wijk))
        .filter(_zonder_contact(_contactgrens(vandaag)))
        .order_by("naam")
    )


def maatschappij(wijk) -> dict:
    """Ward council (status, or the fallback and who runs it), open board vacancies and
    groups without contact. Two queries, three when the council has stopped: the ward
    councils (with a running fallback arrangement joined) and the groups without contact
    come in one query; the arrangement's tasks in one more."""
    grens = _contactgrens()
    groepen = list(
        _met_laatste_contact(Bewonersgroep.objects.filter(wijk=wijk))
        .annotate(
            lopende_regeling=FilteredRelation(
                "terugvalregelingen",
                condition=Q(terugvalregelingen__einde__isnull=True),
            )
        )
        .select_related("lopende_regeling__aanspreekpunt_groep")
        .filter(Q(soort=Groepssoort.WIJKRAAD) | _zonder_contact(grens))
        .order_by("naam", "pk")
    )
    wijkraad = kies_wijkraad([g for g in groepen if g.soort == Groepssoort.WIJKRAAD])
    regeling = None
    if wijkraad and wijkraad.wijkraad_status == WijkraadStatus.GESTOPT:
        # At most one running arrangement per group (a constraint), so the join is 1:1.
        regeling = wijkraad.lopende_regeling
        if regeling is not None:
            prefetch_related_objects(
                [regeling], Prefetch("taken", queryset=TerugvalTaak.objects.select_related("groep"))
            )
    vacatures = list(Bestuursfunctie.objects.vacatures().filter(groep__wijk=wijk))
    zonder_contact = [g for g in groepen if g.laatste_contact is None or g.laatste_contact < grens]
    groep_url = url_per_sleutel("wijken:groep")  # one reverse() for the whole list
    for groep in zonder_contact:
        groep.url = groep_url(groep.pk)
    return {
        "wijkraad": wijkraad,
        "regeling": regeling,
        "vacatures": vacatures,
        "zonder_contact": zonder_contact,
        "contact_termijn_dagen": CONTACT_TERMIJN_DAGEN,
    }


# --- visits ------------------------------------------------------------------------------------

#: The state of this term's college dagdeel in a ward.
GEHOUDEN, GEPLAND, ONTBREEKT, GEEN_PERIODE = "gehouden", "gepland", "ontbreekt", "geen_periode"
DAGDEEL_LABELS = {
    GEHOUDEN: pgettext_lazy("college half-day", "Held"),
    GEPLAND: pgettext_lazy("college half-day", "Planned"),
    ONTBREEKT: pgettext_lazy("college half-day", "Missing"),
    GEEN_PERIODE: pgettext_lazy("college half-day", "No college term recorded"),
}


def dagdeel_stand(bezoek, periode) -> str:
    """Held, planned or missing (or no term recorded) from the term's dagdeel, if any."""
    if periode is None:
        return GEEN_PERIODE
    if bezoek is None:
        return ONTBREEKT
    return GEHOUDEN if bezoek.status == Bezoekstatus.GEHOUDEN else GEPLAND


def college_dagdelen(periode) -> dict[int, Bezoek]:
    """{ward id: the term's college dagdeel that was not cancelled}, one query."""
    if periode is None:
        return {}
    return {
        b.wijk_id: b
        for b in Bezoek.objects.college_dagdelen().niet_geannuleerd().filter(periode=periode)
    }


def periode_en_dagdeel(wijk):
    """(this term, the ward's college dagdeel in it that was not cancelled), either None.
    One query: the dagdeel is joined to the term (at most one per ward and term, a
    constraint)."""
    vandaag = timezone.localdate()
    periode = (
        Collegeperiode.objects.filter(begin__lte=vandaag, einde__gte=vandaag)
        .annotate(
            wijk_dagdeel=FilteredRelation(
                "bezoeken",
                condition=Q(bezoeken__wijk=wijk, bezoeken__soort=Bezoeksoort.COLLEGE_DAGDEEL)
                & ~Q(bezoeken__status=Bezoekstatus.GEANNULEERD),
            )
        )
        .select_related("wijk_dagdeel")
        .order_by("-begin")
        .first()
    )
    if periode is None:
        return None, None
    # Without a matching visit the join leaves the attribute unset.
    dagdeel = getattr(periode, "wijk_dagdeel", None)
    if dagdeel is not None:
        dagdeel.periode = periode
        dagdeel.wijk = wijk
    return periode, dagdeel


def bezoeken(user, wijk) -> dict:
    """This term's college dagdeel, recent and planned work visits, recent contact moments
    (the latter only for the ward's own officials: they are working notes). Four queries
    at most."""
    periode, dagdeel = periode_en_dagdeel(wijk)
    # The planned and the held work visits in one query (the conditions of ``gepland()``
    # and ``recent()``, in their order).
    werkbezoeken = korte_lijsten(
        Bezoek.objects.filter(wijk=wijk, soort=Bezoeksoort.WERKBEZOEK),
        KORTE_LIJST,
        {
            "gepland": (
                Q(status=Bezoekstatus.GEPLAND, datum__gte=timezone.localdate()),
                ("datum", "dagdeel", "pk"),
            ),
            "recent": (Q(status=Bezoekstatus.GEHOUDEN), ("-datum", "-pk")),
        },
    )
    contactlog = mag_contactlog_zien(user, wijk)
    return {
        "periode": periode,
        "dagdeel": dagdeel,
        "dagdeel_stand": dagdeel_stand(dagdeel, periode),
        "dagdeel_label": DAGDEEL_LABELS[dagdeel_stand(dagdeel, periode)],
        "gepland": werkbezoeken["gepland"],
        "recent": werkbezoeken["recent"],
        "mag_plannen": mag_bezoek_beheren(user, wijk),
        "contactlog": contactlog,
        "contactmomenten": (
            list(
                Contactmoment.objects.filter(wijk=wijk)
                .select_related("groep", "medewerker")
                .recent()[:KORTE_LIJST]
            )
            if contactlog
            else []
        ),
    }


# --- the trend chart -----------------------------------------------------------------------


def trendgrafiek(trend: list[dict]) -> Grafiek:
    """The bar chart of raised and settled items per month, scaled to the largest month."""
    grafiek = Grafiek(
        breedte=720, hoogte=250, links=44, boven=16, plot_breedte=664, plot_hoogte=180
    )
    maximum = mooi_maximum(
        max([m["ingediend"] for m in trend] + [m["afgehandeld"] for m in trend] + [0])
    )
    grafiek.maximum = maximum
    schaal = grafiek.plot_hoogte / maximum
    grafiek.ticks = [
        {**t, "y": round(grafiek.onder - t["afstand"], 1)}
        for t in schaalstreepjes(maximum, grafiek.plot_hoogte)
    ]
    vak = grafiek.plot_breedte / max(len(trend), 1)
    staaf = min(20.0, vak / 2 - 4)
    for i, maand in enumerate(trend):
        midden = grafiek.links + vak * i + vak / 2
        staven = []
        for soort, x in (("ingediend", midden - staaf - 1), ("afgehandeld", midden + 1)):
            hoogte = round(maand[soort] * schaal, 1)
            staven.append(
                {
                    "soort": soort,
                    "waarde": maand[soort],
                    "x": round(x, 1),
                    "y": round(grafiek.onder - hoogte, 1),
                    "hoogte": hoogte,
                    "tekst_x": round(x + staaf / 2, 1),
                    "tekst_y": round(grafiek.onder - hoogte - 4, 1),
                }
            )
        grafiek.maanden.append(
            {
                **maand,
                "midden": round(midden, 1),
                "staafbreedte": round(staaf, 1),
                "staven": staven,
                "toon_jaar": i == 0 or maand["maand"].month == 1,
            }
        )
    return grafiek


# --- the ward dashboard ------------------------------------------------------------------------


def _verdeling(rijen: list[dict]) -> dict:
    """Add the (status, kind, theme) counts of ``open_verdeling`` up per dimension."""
    per_status, per_soort, per_thema = defaultdict(int), defaultdict(int), {}
    for rij in rijen:
        per_status[rij["status"]] += rij["aantal"]
        per_soort[rij["soort"]] += rij["aantal"]
        thema = per_thema.setdefault(
            rij["thema_id"], {"id": rij["thema_id"], "naam": rij["thema__naam"], "aantal": 0}
        )
        thema["aantal"] += rij["aantal"]
    return {
        "status": [
            {"waarde": waarde, "label": label, "aantal": per_status[waarde]}
            for waarde, label in Status.choices
            if waarde in OPEN and per_status[waarde]
        ],
        "soort": [
            {"waarde": waarde, "label": label, "aantal": per_soort[waarde]}
            for waarde, label in Soort.choices
        ],
        "thema": sorted(per_thema.values(), key=lambda t: (-t["aantal"], t["naam"])),
    }


def wijkdashboard(user, wijk) -> dict:
    """Everything on one ward's dashboard, in a fixed number of queries."""
    onderwerpen = onderwerpen_van(user, wijk)
    trend = onderwerpen.trend_per_maand(TREND_MAANDEN)
    # Both short lists of items in one query, each in the order its full list has.
    lijsten = korte_lijsten(
        onderwerpen.select_related("thema", "buurt").met_teruggave_reden().met_voorstel_open(),
        KORTE_LIJST,
        {
            "wacht_op_wethouder": (KENGETALLEN["wacht_op_wethouder"](), ("gewijzigd", "pk")),
            "langst_open": (KENGETALLEN["langst_open"](), ("ingediend_op", "pk")),
        },
    )
    cijfers = onderwerpen.kengetallen()
    verdeling = _verdeling(onderwerpen.open_verdeling())
    return {
        "wijk": wijk,
        "cijfers": cijfers,
        "verdeling": verdeling,
        "wacht_op_wethouder": lijsten["wacht_op_wethouder"],
        "langst_open": lijsten["langst_open"],
        "trend": trend,
        "grafiek": trendgrafiek(trend),
        "maatschappij": maatschappij(wijk),
        "bezoeken": bezoeken(user, wijk),
        "mag_collegeoverzicht": mag_collegeoverzicht_zien(user),
        "korte_lijst": KORTE_LIJST,
    }


# --- the printable ward report -----------------------------------------------------------------


def recente_besluiten(wijk, aantal: int = AANTAL_BESLUITEN):
    """Decisions on public agenda items that carry one of the ward's items, newest first."""
    punten = Agendapunt.objects.openbaar().filter(onderwerpen__wijk=wijk).values("pk")
    return (
        Besluit.objects.filter(agendapunt__in=punten)
        .select_related("agendapunt__vergadering")
        .order_by("-vastgelegd_op", "-pk")[:aantal]
    )


def _buurten_en_profiel(wijk) -> tuple[list[dict], dict | None]:
    """The ward's neighbourhoods (their names, by name) and its profile
    (``wijken.models.profiel_uit``) in one query: the neighbourhoods joined to their key
    figures of every year, a neighbourhood without figures once, with empty ones."""
    velden = [
        f.attname for f in Kerncijfers._meta.concrete_fields if f.attname not in ("id", "buurt_id")
    ]
    rijen = wijk.buurten.order_by("naam", "pk").values(
        "pk", "naam", *(f"kerncijfers__{veld}" for veld in velden)
    )
    buurten, cijfers = {}, []
    for rij in rijen:
        buurten.setdefault(rij["pk"], {"naam": rij["naam"]})
        if rij["kerncijfers__jaar"] is not None:
            cijfers.append(
                Kerncijfers(buurt_id=rij["pk"], **{v: rij[f"kerncijfers__{v}"] for v in velden})
            )
    return list(buurten.values()), profiel_uit(cijfers)


def wijkrapport(user, wijk) -> dict:
    """The report for the college's visit: ward profile, groups, open items, decisions."""
    groepen = list(wijk.groepen.voor_wijkpagina())
    per_soort = []
    for waarde, label in Groepssoort.choices:
        leden = [g for g in groepen if g.soort == waarde]
        if leden:
            per_soort.append({"soort": waarde, "label": label, "groepen": leden})
    onderwerpen = onderwerpen_van(user, wijk)
    buurten, profiel = _buurten_en_profiel(wijk)
    return {
        "wijk": wijk,
        "profiel": profiel,
        "buurten": buurten,
        "groepen_per_soort": per_soort,
        "maatschappij": maatschappij(wijk),
        "cijfers": onderwerpen.kengetallen(),
        "open_onderwerpen": list(
            onderwerpen.open()
            .select_related("thema", "buurt")
            .met_voorstel_open()
            .order_by("ingediend_op", "pk")
        ),
        "besluiten": list(recente_besluiten(wijk)),
        "bezoeken": bezoeken(user, wijk),
        "vandaag": timezone.localdate(),
    }


# --- the college overview ----------------------------------------------------------------------

#: The "needs attention" score: what each signal weighs. Shown on the page as well.
GEWICHT_TE_LAAT = 3  # per overdue first response
GEWICHT_DAGDEEL_ONTBREEKT = 5  # this term's college dagdeel neither held nor planned
GEWICHT_ESCALATIE = 1  # per escalated item (with the alderman or on an agenda)
GEWICHT_WIJKRAAD = {
    "gestopt_zonder_regeling": 4,  # stopped, and nobody has taken over its tasks
    WijkraadStatus.ONVOLLEDIG: 2,  # incomplete board
}


def aandachtsscore(*, te_laat: int, geescaleerd: int, dagdeel: str, wijkraad: str) -> int:
    """How much a ward needs the college's attention (see the weights above)."""
    score = GEWICHT_TE_LAAT * te_laat + GEWICHT_ESCALATIE * geescaleerd
    if dagdeel == ONTBREEKT:
        score += GEWICHT_DAGDEEL_ONTBREEKT
    return score + GEWICHT_WIJKRAAD.get(wijkraad, 0)


def _wijkraad_stand(raad, lopende_regelingen: set[int]) -> str:
    """actief / onvolledig / gestopt / gestopt_zonder_regeling, or "" without a council."""
    if raad is None:
        return ""
    if raad.wijkraad_status == WijkraadStatus.GESTOPT and raad.pk not in lopende_regelingen:
        return "gestopt_zonder_regeling"
    return raad.wijkraad_status


_RIJ = (
    '<tr id="wijk-{code}" data-wijk="{code}" data-score="{score}">'
    '<th scope="row"><a href="{url}">{naam}</a></th>'
    '<td class="text-end">{score}</td>'
    '<td class="text-end"><a href="{lijst}?open=1" data-cijfer="open" data-aantal="{open}">'
    '{open}<span class="visually-hidden"> {t_open}, {naam}</span></a></td>'
    '<td class="text-end"><a href="{lijst}?geescaleerd=1" data-cijfer="geescaleerd" '
    'data-aantal="{geescaleerd}">{geescaleerd}<span class="visually-hidden"> {t_geescaleerd},'
    " {naam}</span></a></td>"
    '<td class="text-end"><a href="{lijst}?te_laat=1" data-cijfer="te_laat" '
    'data-aantal="{te_laat}">{te_laat}<span class="visually-hidden"> {t_te_laat}, {naam}'
    "</span></a>{badge}</td>"
    '<td data-wijkraad="{wijkraad_stand}">{wijkraad}</td>'
    '<td data-dagdeel="{dagdeel_stand}">{dagdeel}</td></tr>'
)


def collegerijen(rijen: list[dict]) -> None:
    """Give each row of the college overview its HTML (``rij["html"]``), every text
    translated once and every value escaped by ``format_html``: a hundred rows through the
    template engine were most of the page's time."""
    t = {
        "t_open": _("open items"),
        "t_geescaleerd": _("escalated items"),
        "t_te_laat": _("first responses overdue"),
    }
    badge = format_html(' <span class="badge text-bg-danger">{}</span>', _("overdue"))
    geen_regeling = format_html(" <strong>({})</strong>", _("no fallback"))
    met_regeling = format_html(" ({})", _("fallback in place"))
    geen_raad = _("No ward council")
    statuslabels = dict(WijkraadStatus.choices)
    dashboard_url = url_per_code("wijkdashboard_wijk")
    lijst_url = url_per_code("wijkdashboard_onderwerpen")
    bezoek_url = url_per_sleutel("bezoeken:bezoek")
    for r in rijen:
        wijk, raad, bezoek = r["wijk"], r["wijkraad"], r["dagdeel"]
        if raad is None:
            wijkraad = geen_raad
        else:
            wijkraad = format_html(
                "{}{}",
                statuslabels.get(raad.wijkraad_status, ""),
                {"gestopt_zonder_regeling": geen_regeling, "gestopt": met_regeling}.get(
                    r["wijkraad_stand"], ""
                ),
            )
        if bezoek is not None:
            dagdeel = format_html(
                '<a href="{}">{}<span class="visually-hidden">, {}</span></a> '
                '<span class="small">(<time datetime="{}">{}</time>)</span>',
                bezoek_url(bezoek.pk),
                r["dagdeel_label"],
                wijk.naam,
                bezoek.datum.isoformat(),
                datums.datum(bezoek.datum),
            )
        elif r["dagdeel_stand"] == ONTBREEKT:
            dagdeel = format_html("<strong>{}</strong>", r["dagdeel_label"])
        else:
            dagdeel = r["dagdeel_label"]
        r["html"] = format_html(
            _RIJ,
            code=wijk.code,
            naam=wijk.naam,
            url=dashboard_url(wijk.code),
            lijst=lijst_url(wijk.code),
            score=r["score"],
            open=r["open"],
            geescaleerd=r["geescaleerd"],
            te_laat=r["te_laat"],
            badge=badge if r["te_laat"] else "",
            wijkraad_stand=r["wijkraad_stand"],
            wijkraad=wijkraad,
            dagdeel_stand=r["dagdeel_stand"],
            dagdeel=dagdeel,
            **t,
        )


def collegeoverzicht(user) -> dict:
    """Every ward side by side, the ward needing attention most first. Five queries."""
    wijken = list(Wijk.objects.order_by("naam"))
    # Only open items are counted here, and the college and griffie (the only readers, see
    # mag_collegeoverzicht_zien) may see every item that is not a concept, so visibility
    # adds no condition: without it the count is read from an index alone.
    bron = (
        Onderwerp.objects.all()
        if is_college_of_griffie(user)
        else Onderwerp.objects.zichtbaar_voor(user)
    )
    cijfers = bron.exclude(status=Status.CONCEPT).kengetallen_per_wijk(
        ("open", "geescaleerd", "te_laat")
    )
    raden = defaultdict(list)
    for raad in Bewonersgroep.objects.wijkraden():
        raden[raad.wijk_id].append(raad)
    lopend = set(
        Terugvalregeling.objects.filter(einde__isnull=True).values_list("groep_id", flat=True)
    )
    periode = Collegeperiode.objects.op_datum()
    dagdelen = college_dagdelen(periode)
    leeg = dict.fromkeys(("open", "geescaleerd", "te_laat", "wacht_op_wethouder"), 0)
    rijen = []
    for wijk in wijken:
        c = cijfers.get(wijk.pk, leeg)
        raad = kies_wijkraad(raden[wijk.pk])
        stand = dagdeel_stand(dagdelen.get(wijk.pk), periode)
        wijkraad = _wijkraad_stand(raad, lopend)
        rijen.append(
            {
                "wijk": wijk,
                "open": c["open"],
                "geescaleerd": c["geescaleerd"],
                "te_laat": c["te_laat"],
                "wijkraad": raad,
                "wijkraad_stand": wijkraad,
                "dagdeel": dagdelen.get(wijk.pk),
                "dagdeel_stand": stand,
                "dagdeel_label": DAGDEEL_LABELS[stand],
                "score": aandachtsscore(
                    te_laat=c["te_laat"],
                    geescaleerd=c["geescaleerd"],
                    dagdeel=stand,
                    wijkraad=wijkraad,
                ),
            }
        )
    rijen.sort(key=lambda r: (-r["score"], -r["te_laat"], -r["open"], r["wijk"].naam))
    collegerijen(rijen)
    return {
        "rijen": rijen,
        "periode": periode,
        "gewichten": {
            "te_laat": GEWICHT_TE_LAAT,
            "dagdeel": GEWICHT_DAGDEEL_ONTBREEKT,
            "escalatie": GEWICHT_ESCALATIE,
            "gestopt": GEWICHT_WIJKRAAD["gestopt_zonder_regeling"],
            "onvolledig": GEWICHT_WIJKRAAD[WijkraadStatus.ONVOLLEDIG],
        },
    }


def kerncijfers_per_wijk(user, wijken) -> dict[int, dict]:
    """The headline figures of each ward on the dashboard start page, one query."""
    return (
        Onderwerp.objects.zichtbaar_voor(user)
        .exclude(status=Status.CONCEPT)
        .filter(wijk__in=wijken)
        .kengetallen_per_wijk()
    )
