"""Role × URL × method for the Django admin (``/beheer/``), generated from the admin site.

Every admin URL (the site's own pages and, for every registered model, its list, add,
change, delete and history pages) is resolved with an existing row of that model and
requested by every role. Everyone but the administrator with a second factor is refused
for GET and POST (a redirect to sign in or to set up the second factor, or 403) and no
row of the model changes; the administrator gets the lists and pages. A model registered
later without a row in this world, or an admin URL without a rule, fails the test.
"""

import pytest
from allauth.usersessions.models import UserSession
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from contacten import audit
from contacten.models import Gebruiker
from opendata.open311 import sleutels
from tests.contacten.factories import CollegeperiodeFactory, ContactmomentFactory
from tests.factories import GebruikerFactory
from tests.initiatieven.factories import OnderwerpFactory, ThemaFactory
from tests.meedenken.factories import (
    AanmeldingFactory,
    InbrengFactory,
    MeedenkvraagFactory,
    TerugkoppelingFactory,
)
from tests.permissiematrix import (
    METHODEN,
    alle_patronen,
    assert_geen_fouten,
    beoordeel,
    gebruikers,
    rollen,
    stand,
    vraag,
)
from tests.wijken.factories import (
    BestuursfunctieFactory,
    BewonersgroepFactory,
    BuurtFactory,
    InteressereactieFactory,
    KerncijfersFactory,
    TerugvalregelingFactory,
    WijkFactory,
    WijkprofessionalFactory,
)
from wijken.models import WijkraadStatuswijziging

pytestmark = pytest.mark.django_db

ROLLEN = rollen("beheerder_zonder_tweede_factor")
#: Only the administrator with a second factor reaches the admin, and only with GET here:
#: what their POSTs do is the admin's own business, not a permission question.
BEHEERDER = "beheerder"

#: Every admin URL, as (key, route): the site's pages and every model's.
PATRONEN = [
    (sleutel, route) for sleutel, route, _patroon in alle_patronen() if route.startswith("beheer/")
]

#: What this matrix covers of the root URLconf, and how many cases it checks: every
#: role but the administrator with GET and POST, the administrator with GET.
DEKT = frozenset(sleutel for sleutel, _route in PATRONEN)
GEVALLEN = len(PATRONEN) * ((len(ROLLEN) - 1) * len(METHODEN) + 1)

_GEEN_RIJ = object()


def _rij_per_model(wijk) -> dict:
    """One existing row of every registered model (the world's own rows count too)."""
    groep = BewonersgroepFactory(wijk=wijk, gestopt=True)
    TerugvalregelingFactory(groep=groep)
    BestuursfunctieFactory(groep=groep)
    InteressereactieFactory(functie__groep=groep)
    WijkprofessionalFactory(wijk=wijk)
    KerncijfersFactory(buurt=BuurtFactory(wijk=wijk))
    WijkraadStatuswijziging.objects.create(groep=groep, naar_status="gestopt", door=None)
    OnderwerpFactory(wijk=wijk, thema=ThemaFactory())
    ContactmomentFactory(wijk=wijk, groep=groep)
    CollegeperiodeFactory()
    Group.objects.create(name="Redactie")
    audit.vastleggen(actie=audit.AuditActie.INLOGGEN, uitkomst=audit.Uitkomst.GESLAAGD)
    UserSession.objects.create(
        user=wijk.wijkadviseur, ip="192.0.2.1", session_key="sleutel-1", user_agent="x"
    )
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="wijken.notificaties.mail_versturen",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    # Questions to the ward (meedenken): a question with a response, a meeting with a
    # registration, and feedback.
    vraag = MeedenkvraagFactory(wijken=[wijk], opties=["Bomen"])
    InbrengFactory(vraag=vraag)
    AanmeldingFactory(bijeenkomst__vraag=vraag)
    TerugkoppelingFactory(vraag=MeedenkvraagFactory(wijken=[wijk], gesloten=True))
    # Open311 (opendata): a partner app's API key.
    sleutels.apisleutel_uitgeven(naam="Buiten Beter", contact="partner@partner.example", door=None)
    return {
        model: model._default_manager.order_by("pk").first() or _GEEN_RIJ
        for model in admin.site._registry
    }


@pytest.fixture
def wereld(settings):
    # The task results' admin reads each task through the backend that queued it: the
    # database backend of production, not the tests' immediate one.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    wijk, ander = WijkFactory(met_staf=True), WijkFactory(met_staf=True)
    personen = gebruikers(
        ROLLEN,
        wijk=wijk,
        ander=ander,
        beheerder_zonder_tweede_factor=GebruikerFactory(beheerder=True),
    )
    return {"wijk": wijk, "gebruikers": personen, "rijen": _rij_per_model(wijk)}


def _model_van(route):
    """The registered model whose admin URLs the route belongs to, or None (site pages)."""
    for model in admin.site._registry:
        if route.startswith(f"beheer/{model._meta.app_label}/{model._meta.model_name}/"):
            return model
    return None


def _url(sleutel, route, wereld) -> str:
    if sleutel == "admin:app_list":
        return reverse(sleutel, kwargs={"app_label": "wijken"})
    if "(?P<url>" in route:
        # The admin's catch-all: any other path below /beheer/.
        return "/beheer/bestaat-niet/"
    model = _model_van(route)
    rij = wereld["rijen"][model] if model else wereld["wijk"]
    waarden = {
        "<path:content_type_id>": ContentType.objects.get_for_model(rij).pk,
        "<path:object_id>": rij.pk,
        "<id>": rij.pk,
    }
    for converter, waarde in waarden.items():
        route = route.replace(converter, str(waarde))
    return "/" + route


#: Models that grow with every request by design: refused access is written to the audit
#: log, and every signed-in request records its session's activity. Only their existing
#: rows are compared.
GROEIEN = (audit.AuditRegel, UserSession)


def _stand(model):
    # The person's row without last_login, which signing in (force_login) sets.
    bronnen = [Gebruiker.objects.values("id", "email", "rol", "is_staff", "is_active")]
    if model in GROEIEN:
        eerste = model._default_manager.order_by("pk").first()
        bronnen.append(model._default_manager.filter(pk__lte=eerste.pk))
    elif model is not None and model is not Gebruiker:
        bronnen.append(model)
    return stand(*bronnen)


#: Paths that count as "sign in first" here: the admin's login page (it sends on to the
#: portal's), the second-factor setup, and for the logout URL the admin index.
def _inloggen(sleutel):
    paden = (reverse("admin:login"), reverse("mfa_activate_totp"))
    return (*paden, reverse("admin:index")) if sleutel == "admin:logout" else paden


def _is_doorverwijzing(sleutel, route) -> bool:
    """The unnamed redirect of an object's old admin URL to its change page."""
    return sleutel == route and route.endswith("<path:object_id>/")


def _verwacht_beheerder(sleutel, route, wereld):
    """What the administrator gets with GET: the lists and pages, and where a model's
    admin does not allow adding or deleting (the audit log, the contact log), a 403."""
    if _is_doorverwijzing(sleutel, route):
        return lambda r: r.status_code in (301, 302) and r["Location"].endswith("/change/")
    model = _model_van(route)
    if model is not None and sleutel.endswith(("_add", "_delete")):
        request = RequestFactory().get("/beheer/")
        request.user = wereld["gebruikers"][BEHEERDER]
        model_admin = admin.site._registry[model]
        if sleutel.endswith("_add"):
            mag = model_admin.has_add_permission(request)
        else:
            mag = model_admin.has_delete_permission(request, wereld["rijen"][model])
        return 200 if mag else 403
    if sleutel in ("admin:login", "admin:view_on_site"):
        return 302
    if sleutel == "admin:logout":
        return 405
    if sleutel == "admin:autocomplete":
        return 403
    if "(?P<url>" in route:
        return 404
    return 200


def test_elk_geregistreerd_model_heeft_een_rij(wereld):
    zonder = [m.__name__ for m, rij in wereld["rijen"].items() if rij is _GEEN_RIJ]
    assert not zonder, f"Add a row of these models to the admin matrix's world: {zonder}"


@pytest.mark.parametrize("methode", METHODEN)
@pytest.mark.parametrize(("sleutel", "route"), PATRONEN, ids=[s for s, _r in PATRONEN])
def test_matrix(wereld, sleutel, route, methode):
    url = _url(sleutel, route, wereld)
    model = _model_van(route)
    fouten = []
    for rol in ROLLEN:
        if rol == BEHEERDER and methode == "post":
            continue
        toegestaan = rol == BEHEERDER
        verwacht = _verwacht_beheerder(sleutel, route, wereld) if toegestaan else 200
        voor = _stand(model)
        response = vraag(wereld["gebruikers"][rol], methode, url, {"post": "yes"})
        na = _stand(model)
        fouten += beoordeel(
            rol,
            response,
            toegestaan=toegestaan,
            voor=voor,
            na=na,
            verwacht=verwacht,
            # The administrator's expected answer may itself be a 403 or 405 (a read-only
            # model's add page, GET on logout): only a redirect to sign in is wrong there.
            codes=() if toegestaan else (403, 405),
            inloggen=_inloggen(sleutel),
        )
        if voor != na:
            fouten.append(f"{rol}: changed rows")
    assert_geen_fouten(fouten, methode, sleutel)
