"""The pages that announce an Atom feed (opendata.feeds), in headless Chromium: the visible
feed links pass axe (WCAG 2.1 A/AA) in Dutch and English, take the keyboard focus, and
lead to the feed the head announces."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.a11y import controleer
from tests.opendata.feeds_wereld import wereld_maken

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_feedlinks_toegankelijk_en_werkend(page, live_server, taal):
    w = wereld_maken()
    page.context.set_extra_http_headers({"Accept-Language": taal})
    paginas = [
        reverse("initiatieven:lijst"),
        w.wijk.get_absolute_url(),
        w.knelpunt.get_absolute_url(),
        reverse("contacten:vergaderingen"),
        reverse("contacten:toezeggingen"),
    ]
    for pad in paginas:
        page.goto(live_server.url + pad)
        controleer(page, f"{pad} ({taal})")
        links = page.locator("#feeds a.feed-link")
        aangekondigd = page.locator('head link[rel=alternate][type="application/atom+xml"]')
        expect(links.first).to_be_visible()
        assert links.count() == aangekondigd.count() > 0, pad
        hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
        kop = {aangekondigd.nth(i).get_attribute("href") for i in range(aangekondigd.count())}
        assert hrefs == kop, pad
        # A plain link: it takes the focus (no tabindex or role took it out of the tab order).
        links.first.focus()
        expect(links.first).to_be_focused()
        for href in hrefs:
            antwoord = page.request.get(live_server.url + href)
            assert antwoord.status == 200, href
            assert antwoord.headers["content-type"].startswith("application/atom+xml")
            assert "<entry>" in antwoord.text(), href
