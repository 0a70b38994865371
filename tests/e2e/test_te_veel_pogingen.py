"""Too many sign-in attempts: the portal's own 429 page, accessible, in the browser."""

import pytest
from django.urls import reverse

from tests.e2e.hulp import bekijk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_te_veel_inlogpogingen(page, live_server, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    for _ in range(2):
        page.goto(live_server.url + reverse("account_login"))
        page.fill("#id_login", "iemand@example.test")
        page.fill("#id_password", "niet-het-goede-wachtwoord")
        antwoord_wacht = page.expect_response(lambda r: r.request.method == "POST")
        with antwoord_wacht as info:
            page.locator("form[action^='/account/login/'] [type=submit]").click()
        page.wait_for_load_state()
    assert info.value.status == 429
    assert page.locator("#te-veel-pogingen").count() == 1
    bekijk(page, "too many attempts")
    page.locator(f"main a[href='{reverse('account_reset_password')}']").click()
    page.wait_for_load_state()
    assert page.url.endswith(reverse("account_reset_password"))
