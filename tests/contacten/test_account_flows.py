"""allauth's sign-up and sign-in pages in the portal's templates (test client, no browser).

Assertions are on structure (ids, names, hrefs, roles, data), not on copy, so they hold
when the Dutch catalogue changes the wording.
"""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from contacten.models import Gebruiker
from tests.factories import WACHTWOORD, GebruikerFactory

pytestmark = pytest.mark.django_db


class _Elementen(HTMLParser):
    """Every start tag of a page as (tag, attributes)."""

    def __init__(self):
        super().__init__()
        self.elementen: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.elementen.append((tag, {k: v or "" for k, v in attrs}))


def elementen(response, tag: str, **attrs) -> list[dict[str, str]]:
    """The elements with this tag whose attributes include ``attrs`` (``class_`` for class)."""
    parser = _Elementen()
    parser.feed(response.content.decode())
    gevonden = []
    for t, a in parser.elementen:
        if t != tag:
            continue
        if all(
            (k == "class_" and v in a.get("class", "").split()) or a.get(k) == v
            for k, v in attrs.items()
        ):
            gevonden.append(a)
    return gevonden


def _geldige_aanmelding(**extra):
    return {
        "weergavenaam": "Fatima de Vries",
        "email": "fatima@example.test",
        "password1": "een-heel-goed-wachtwoord-7",
        "password2": "een-heel-goed-wachtwoord-7",
        **extra,
    }


def test_aanmelden_toont_weergavenaam_als_eerste_verplichte_veld(client):
    response = client.get(reverse("account_signup"))

    assert response.status_code == 200
    namen = [a["name"] for a in elementen(response, "input") if a.get("type") != "hidden"]
    assert namen == ["weergavenaam", "email", "password1", "password2"]
    (veld,) = elementen(response, "input", name="weergavenaam")
    assert veld["id"] == "id_weergavenaam"
    assert "required" in veld
    assert veld["autocomplete"] == "name"
    assert veld["aria-describedby"] == "id_weergavenaam_helptext"
    assert elementen(response, "div", id="id_weergavenaam_helptext")
    assert elementen(response, "label", **{"for": "id_weergavenaam"})


def test_aanmelden_elk_veld_heeft_label_en_autocomplete(client):
    response = client.get(reverse("account_signup"))

    verwacht = {
        "weergavenaam": "name",
        "email": "email",
        "password1": "new-password",
        "password2": "new-password",
    }
    for naam, autocomplete in verwacht.items():
        (veld,) = elementen(response, "input", name=naam)
        assert veld["autocomplete"] == autocomplete, naam
        assert elementen(response, "label", **{"for": veld["id"]}), naam
    # Required fields are marked in visible text inside their label.
    assert len(elementen(response, "span", class_="verplicht")) == 4


def test_aanmelden_zonder_weergavenaam_wordt_geweigerd(client):
    response = client.post(reverse("account_signup"), _geldige_aanmelding(weergavenaam=""))

    assert response.status_code == 200
    assert not Gebruiker.objects.filter(email="fatima@example.test").exists()
    assert "weergavenaam" in response.context["form"].errors
    (veld,) = elementen(response, "input", name="weergavenaam")
    assert veld["aria-invalid"] == "true"
    assert "id_weergavenaam_error" in veld["aria-describedby"].split()
    assert elementen(response, "ul", id="id_weergavenaam_error")
    # The error summary at the top links to the field.
    (samenvatting,) = elementen(response, "div", class_="foutensamenvatting")
    assert samenvatting["role"] == "alert"
    assert elementen(response, "a", href="#id_weergavenaam")
    # What was typed comes back.
    (email,) = elementen(response, "input", name="email")
    assert email["value"] == "fatima@example.test"


def test_aanmelden_met_alleen_spaties_als_naam_wordt_geweigerd(client):
    response = client.post(reverse("account_signup"), _geldige_aanmelding(weergavenaam="   "))

    assert response.status_code == 200
    assert not Gebruiker.objects.filter(email="fatima@example.test").exists()
    assert "weergavenaam" in response.context["form"].errors


def test_aanmelden_bewaart_weergavenaam(client):
    response = client.post(reverse("account_signup"), _geldige_aanmelding())

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    gebruiker = Gebruiker.objects.get(email="fatima@example.test")
    assert gebruiker.weergavenaam == "Fatima de Vries"


def test_aanmelden_met_ongelijke_wachtwoorden_linkt_fout_aan_veld(client):
    response = client.post(
        reverse("account_signup"), _geldige_aanmelding(password2="iets-heel-anders-99")
    )

    assert response.status_code == 200
    assert not Gebruiker.objects.filter(email="fatima@example.test").exists()
    (veld,) = elementen(response, "input", name="password2")
    assert veld["aria-invalid"] == "true"
    assert elementen(response, "a", href="#id_password2")
    # Passwords are never sent back to the browser.
    assert "value" not in veld


def test_inlogpagina_linkt_naar_aanmelden_en_wachtwoord_vergeten(client):
    response = client.get(reverse("account_login"))

    assert response.status_code == 200
    assert elementen(response, "a", href=reverse("account_signup"))
    assert elementen(response, "a", href=reverse("account_reset_password"))
    (email,) = elementen(response, "input", name="login")
    assert email["autocomplete"] == "email"
    (wachtwoord,) = elementen(response, "input", name="password")
    assert wachtwoord["autocomplete"] == "current-password"
    assert elementen(response, "label", **{"for": email["id"]})
    assert elementen(response, "label", **{"for": wachtwoord["id"]})


def test_inloggen_met_verkeerd_wachtwoord_toont_foutensamenvatting(client):
    gebruiker = GebruikerFactory()

    response = client.post(
        reverse("account_login"), {"login": gebruiker.email, "password": "fout-wachtwoord-1"}
    )

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    (samenvatting,) = elementen(response, "div", class_="foutensamenvatting")
    assert samenvatting["role"] == "alert"
    # Wrong credentials are an error of the whole form: the summary links to its first field.
    (email,) = elementen(response, "input", name="login")
    assert elementen(response, "a", href=f"#{email['id']}")
    assert email["value"] == gebruiker.email


def test_inloggen_zonder_invoer_markeert_velden(client):
    response = client.post(reverse("account_login"), {"login": "", "password": ""})

    assert response.status_code == 200
    for naam in ("login", "password"):
        (veld,) = elementen(response, "input", name=naam)
        assert veld["aria-invalid"] == "true", naam
        assert f"{veld['id']}_error" in veld["aria-describedby"].split(), naam
        assert elementen(response, "ul", id=f"{veld['id']}_error"), naam
        assert elementen(response, "a", href=f"#{veld['id']}"), naam


def test_inloggen_met_juist_wachtwoord(client):
    gebruiker = GebruikerFactory()

    response = client.post(
        reverse("account_login"), {"login": gebruiker.email, "password": WACHTWOORD}
    )

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(gebruiker.pk)


@pytest.mark.parametrize("naam", ["account_login", "account_signup", "account_reset_password"])
def test_accountpaginas_in_portaal_layout_met_een_h1(client, naam):
    response = client.get(reverse(naam))

    assert response.status_code == 200
    assert "base.html" in [t.name for t in response.templates]
    assert len(elementen(response, "h1")) == 1
    assert elementen(response, "main", id="inhoud")
