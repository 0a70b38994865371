"""The read API's docs page in headless Chromium: Swagger UI renders every endpoint from
the portal's own files, under the portal's CSP with no violation, without a request to
another site, and with no axe-core violation of the WCAG A/AA rules."""

import pytest
from django.urls import reverse

from tests.a11y import assert_toegankelijk, controleer
from tests.opendata.api_data import maak_wereld

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_docs_pagina_toont_elke_operatie_zonder_csp_fouten(page, live_server):
    maak_wereld(aantal=1)
    meldingen, verzoeken = [], []
    page.on("console", lambda m: meldingen.append(f"{m.type}: {m.text}"))
    page.on("request", lambda r: verzoeken.append(r.url))
    page.goto(live_server.url + reverse("api-v1:openapi-view"))
    # Swagger UI fetched the description and rendered one block per operation.
    page.wait_for_selector(".opblock", timeout=15_000)
    paden = page.locator(".opblock-summary-path").all_inner_texts()
    # Every operation of the description the page loads, no more and no fewer.
    beschrijving = page.request.get(f"{live_server.url}/api/v1/openapi.json").json()
    assert len(beschrijving["paths"]) >= 10
    assert {p.replace("\u200b", "").strip() for p in paden} == set(beschrijving["paths"])
    csp = [m for m in meldingen if "Content Security Policy" in m or "Refused to" in m]
    assert not csp, csp
    vreemd = [u for u in verzoeken if not u.startswith((live_server.url, "data:"))]
    assert not vreemd, vreemd
    controleer(page, "the read API's docs page")
    # An operation opened by keyboard, with its parameters and answers.
    page.locator(".opblock-summary-control").nth(2).focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".opblock-body .parameters", timeout=10_000)
    assert_toegankelijk(page, wat="the docs page with an operation open")


def test_docs_pagina_probeer_het_uit_met_het_toetsenbord(page, live_server):
    """ "Try it out" on an operation, by keyboard: the request goes to the portal itself,
    the answer is shown, and the page with the answer has no axe-core violation."""
    maak_wereld(aantal=1)
    verzoeken = []
    page.on("request", lambda r: verzoeken.append(r.url))
    page.goto(live_server.url + reverse("api-v1:openapi-view"))
    page.wait_for_selector(".opblock", timeout=15_000)
    blok = page.locator(".opblock").filter(has_text="/api/v1/wijken").first
    blok.locator(".opblock-summary-control").focus()
    page.keyboard.press("Enter")
    blok.locator(".try-out__btn").focus()
    page.keyboard.press("Enter")
    blok.locator(".execute").focus()
    page.keyboard.press("Enter")
    status = blok.locator(".live-responses-table tbody .response-col_status").first
    status.wait_for(timeout=15_000)
    assert status.inner_text().strip() == "200"
    assert any(u.startswith(live_server.url + "/api/v1/wijken") for u in verzoeken), verzoeken
    vreemd = [u for u in verzoeken if not u.startswith((live_server.url, "data:"))]
    assert not vreemd, vreemd
    assert_toegankelijk(page, wat="the docs page with an answer tried out")
