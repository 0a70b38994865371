"""The accessibility crawl: every page of the catalogue (tests/rondgang.py), signed out and
as every role, in four states (with data, empty, with form errors, long texts), checked
with axe-core (WCAG 2.0/2.1 A and AA) and for exactly one h1.

Each state is one test with its own world (the live server's database is flushed between
tests), one browser context per role. A page that refuses the role (403, 404, a redirect
to sign in) is checked once per role and kind of refusal, and a page whose ``<main>`` is
byte for byte one another role already had checked is not checked again. Violations are
collected over the whole state and reported together at its end, so one run shows
everything.
"""

import hashlib
import re
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests import figures, rondgang
from tests.a11y import assert_toegankelijk
from tests.e2e.hulp import inloggen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

#: Pages are loaded until the document is there; nothing on them loads later.
WACHTEN = "load"

#: What a form gets in the form-errors state: HTML5 validation off, every field emptied
#: (checkboxes unticked, selects to their empty choice); :data:`INDIENEN` submits it.
#: Only forms with a field to empty count: a form of just a button is an action, not a
#: form that can err.
FOUT_INDIENEN = """() => {
  const velden = 'input:not([type=hidden]):not([type=submit]):not([type=button])' +
                 ':not([type=radio]):not([type=file]), textarea, select';
  const form = [...document.querySelectorAll('main form')].find(
      f => (f.method || '').toLowerCase() === 'post' && f.querySelector(velden));
  if (!form) return false;
  form.noValidate = true;
  for (const veld of form.querySelectorAll(velden)) {
    if (veld.type === 'checkbox') veld.checked = false;
    else if (veld.tagName === 'SELECT') {
      const leeg = [...veld.options].find(o => o.value === '');
      if (leeg) veld.value = ''; else veld.selectedIndex = -1;
    } else veld.value = '';
  }
  window.rondgangFormulier = form;
  return true;
}"""

#: Then submitting it (with its first submit button a person can press, as a person would:
#: the triage page's first one is disabled so that Enter saves nothing by surprise).
INDIENEN = """() => {
  const form = window.rondgangFormulier;
  form.requestSubmit(form.querySelector('[type=submit]:not([disabled])') || undefined);
}"""


#: In the long-texts state the pages are seen 320 CSS pixels wide (WCAG 1.4.10 Reflow):
#: a long word or name must not make the page scroll sideways.
SMAL = {"width": 320, "height": 800}

#: The elements sticking out past the page's right edge (none when it reflows).
UITSTEKEND = """() => {
  const breedte = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= breedte + 1) return [];
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > breedte + 1 && e.children.length === 0)
    .slice(0, 5)
    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
              (e.className && typeof e.className === 'string' ?
               '.' + e.className.trim().split(/\\s+/).join('.') : ''));
}"""


class Rondgang:
    """What one state's crawl saw: the visits, the distinct pages, every violation."""

    def __init__(self, toestand):
        self.toestand = toestand
        self.bezoeken = 0
        self.paginas: set[str] = set()
        self.rollen: set[str] = set()
        self.overtredingen: list[str] = []
        self.gezien: set[tuple] = set()
        self.zelfde_inhoud = 0
        self.weigeringen = 0
        self.met_foutmeldingen = 0
        self.tijd_axe = 0.0

    def controleer(self, page, *, rol, naam, wat):
        """One h1 and no axe-core violation on the page as it is now."""
        self.bezoeken += 1
        if naam is None:
            self.weigeringen += 1
        else:
            self.paginas.add(naam)
        self.rollen.add(rol)
        h1 = page.locator("h1").count()
        if h1 != 1:
            self.overtredingen.append(f"{wat}: {h1} h1 elements instead of one")
        begin = time.monotonic()
        try:
            assert_toegankelijk(page, wat=wat)
        except AssertionError as fout:
            self.overtredingen.append(str(fout))
        self.tijd_axe += time.monotonic() - begin
        if self.toestand == rondgang.LANGE_TEKSTEN:
            uitstekend = page.evaluate(UITSTEKEND)
            if uitstekend:
                self.overtredingen.append(
                    f"{wat}: scrolls sideways at 320px (WCAG 1.4.10): {', '.join(uitstekend)}"
                )

    def samenvatting(self) -> str:
        return (
            f"rondgang ({self.toestand}): {self.bezoeken} page visits checked "
            f"({len(self.paginas)} pages x {len(self.rollen)} roles, "
            f"{self.weigeringen} of them refusals or redirects; "
            f"{self.zelfde_inhoud} role visits with main content already checked), "
            f"{len(self.overtredingen)} violations"
            + (
                f", {self.met_foutmeldingen} forms came back with errors"
                if self.met_foutmeldingen
                else ""
            )
        )


def _titel(response) -> str:
    gevonden = re.search(rb"<title>(.*?)</title>", response.content, re.S)
    return gevonden.group(1).strip().decode() if gevonden else ""


def _formulier_in_main(response) -> bool:
    main = re.search(rb"<main.*?</main>", response.content, re.S)
    return bool(main and re.search(rb"<form[^>]*method=.post", main.group(0), re.I))


#: What differs between two renderings of one page that says nothing about its markup.
_VLUCHTIG = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')


def _inhoud(response) -> bytes:
    """A digest of the page's ``<main>``, without tokens that change per request."""
    main = re.search(rb"<main.*?</main>", response.content, re.S)
    return hashlib.sha256(_VLUCHTIG.sub(b"", main.group(0) if main else b"")).digest()


def _soort(response) -> tuple | None:
    """What the answer is, when the browser need not see it again for this role: a
    refusal (the same page for everything it refuses) or a redirect elsewhere. ``None``
    for a page of its own."""
    if response.status_code == 200:
        return None
    if response.status_code in (301, 302):
        doel = response["Location"].split("?")[0]
        if doel == reverse(settings.LOGIN_URL):
            return ("naar inloggen",)
        return ("doorverwezen", doel)
    return (response.status_code, _titel(response))


def _bezoek_rol(page, client, rondgang_, live_server, *, rol, paginas, formulierfouten):
    for naam, pad in paginas:
        # The test client answers in a few milliseconds: the browser (and axe-core) see
        # each page of its own, and each kind of refusal and redirect once per role.
        response = client.get(pad)
        wat = f"{naam} {pad} ({rol}, {rondgang_.toestand})"
        if response.status_code >= 500:
            rondgang_.overtredingen.append(f"{wat}: server error {response.status_code}")
            continue
        soort = _soort(response)
        if soort is not None:
            if (rol, *soort) in rondgang_.gezien or formulierfouten:
                continue
            rondgang_.gezien.add((rol, *soort))
            naam = None
        elif formulierfouten and not _formulier_in_main(response):
            continue
        elif not formulierfouten:
            # A page whose <main> another role already had checked, byte for byte, differs
            # only in the header and menu, which this role's other pages show the browser.
            # (Form errors depend on who submits: those are always checked.)
            inhoud = (pad, _inhoud(response))
            if inhoud in rondgang_.gezien and rol in rondgang_.rollen:
                rondgang_.zelfde_inhoud += 1
                continue
            rondgang_.gezien.add(inhoud)
        page.goto(live_server.url + pad, wait_until=WACHTEN)
        if formulierfouten:
            if not page.evaluate(FOUT_INDIENEN):
                continue
            with page.expect_navigation(wait_until=WACHTEN):
                page.evaluate(INDIENEN)
            if page.locator("main .is-invalid, main [aria-invalid=true]").count():
                rondgang_.met_foutmeldingen += 1
            wat = f"{wat} after an empty submission"
        rondgang_.controleer(page, rol=rol, naam=naam, wat=wat)


def _rondgang(
    toestand,
    wereld,
    browser,
    browser_context_args,
    live_server,
    request,
    *,
    rollen=rondgang.ROLLEN,
    paginas=None,
):
    rondgang_ = Rondgang(toestand)
    begin = time.monotonic()
    for rol in rollen:
        persoon = wereld["gebruikers"][rol]
        if paginas is None:
            te_bezoeken = rondgang.paginas(wereld, rol=rol, toestand=toestand)
        else:
            te_bezoeken = list(paginas)
        # Signing out and deleting the account end the role's visit: last.
        te_bezoeken.sort(key=lambda p: p[0] in ("account_logout", "mijngegevens:verwijderen"))
        smal = {"viewport": SMAL} if toestand == rondgang.LANGE_TEKSTEN else {}
        context = browser.new_context(**{**browser_context_args, **smal})
        page = context.new_page()
        client = Client()
        try:
            if persoon is not None:
                inloggen(page, live_server, persoon)
                client.force_login(persoon)
            _bezoek_rol(
                page,
                client,
                rondgang_,
                live_server,
                rol=rol,
                paginas=te_bezoeken,
                formulierfouten=toestand == rondgang.FORMULIERFOUTEN,
            )
        finally:
            context.close()
    samenvatting = (
        f"{rondgang_.samenvatting()} in {time.monotonic() - begin:.0f}s "
        f"(axe-core {rondgang_.tijd_axe:.0f}s)"
    )
    # The summary belongs in every run's output, also when the run is spread over workers.
    figures.report(request.config, "accessibility crawl", samenvatting)
    assert not rondgang_.overtredingen, samenvatting + ":\n" + "\n".join(rondgang_.overtredingen)


@pytest.mark.parametrize(
    "toestand",
    rondgang.TOESTANDEN,
)
def test_rondgang(
    toestand, browser, browser_context_args, live_server, settings, tmp_path, request
):
    settings.MEDIA_ROOT = tmp_path
    wereld = rondgang.wereld_maken(
        leeg=toestand == rondgang.LEEG,
        lang=toestand == rondgang.LANGE_TEKSTEN,
        media_root=tmp_path,
    )
    _rondgang(toestand, wereld, browser, browser_context_args, live_server, request)


def test_rondgang_beheer(browser, browser_context_args, live_server, settings, tmp_path, request):
    """The Django admin, as its beheerder sees it with data (see rondgang.beheerpaginas)."""
    settings.MEDIA_ROOT = tmp_path
    wereld = rondgang.wereld_maken(media_root=tmp_path)
    _rondgang(
        "beheer",
        wereld,
        browser,
        browser_context_args,
        live_server,
        request,
        rollen=["beheerder"],
        paginas=rondgang.beheerpaginas(wereld),
    )
