import pytest

from tests.a11y import assert_toegankelijk

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_home_toegankelijk(page, live_server):
    page.goto(live_server.url + "/")
    assert page.locator("h1").count() == 1
    assert_toegankelijk(page)


def test_login_toegankelijk(page, live_server):
    page.goto(live_server.url + "/account/login/")
    assert_toegankelijk(page)
