"""``{{ form|crispy_gecached }}``: crispy's HTML, from the cache for an unbound form."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_form
from django import forms
from django.utils import translation

from tests.wijken.factories import WijkFactory
from wijken.models import Wijk
from wijken.templatetags.formulieren import crispy_gecached

pytestmark = pytest.mark.django_db


class VoorbeeldForm(forms.Form):
    naam = forms.CharField(label="Naam", max_length=20, help_text="Zoals bekend")
    soort = forms.ChoiceField(
        label="Soort", choices=[("a", "Een"), ("b", "Twee")], widget=forms.RadioSelect
    )
    wijk = forms.ModelChoiceField(label="Wijk", queryset=Wijk.objects.order_by("naam"))
    versie = forms.IntegerField(widget=forms.HiddenInput)


def test_zelfde_html_als_crispy_en_daarna_uit_de_cache(django_assert_num_queries):
    WijkFactory(naam="Noord")
    verwacht = str(as_crispy_form(VoorbeeldForm(initial={"versie": 3, "soort": "b"})))
    # A miss reads the ward choices once, as crispy's own rendering does.
    with django_assert_num_queries(1):
        eerst = crispy_gecached(VoorbeeldForm(initial={"versie": 3, "soort": "b"}))
    assert eerst == verwacht
    assert 'value="b"' in eerst and "checked" in eerst and "Noord" in eerst
    with django_assert_num_queries(1):  # the choices are part of the key; nothing rendered
        assert crispy_gecached(VoorbeeldForm(initial={"versie": 3, "soort": "b"})) == verwacht


def test_elke_verandering_geeft_nieuwe_html():
    WijkFactory(naam="Noord")
    eerst = crispy_gecached(VoorbeeldForm(initial={"versie": 3}))
    assert 'value="3"' in eerst
    assert 'value="4"' in crispy_gecached(VoorbeeldForm(initial={"versie": 4}))
    WijkFactory(naam="Zuid")
    assert "Zuid" in crispy_gecached(VoorbeeldForm(initial={"versie": 3}))
    assert 'id="id_x-naam"' in crispy_gecached(VoorbeeldForm(initial={"versie": 3}, prefix="x"))
    form = VoorbeeldForm(initial={"versie": 3})
    form.fields["naam"].label = "Achternaam"
    assert "Achternaam" in crispy_gecached(form)
    with translation.override("en"):
        assert crispy_gecached(VoorbeeldForm(initial={"versie": 3})) == str(
            as_crispy_form(VoorbeeldForm(initial={"versie": 3}))
        )


def test_gebonden_formulier_altijd_vers_met_fouten_en_invoer():
    wijk = WijkFactory(naam="Noord")
    crispy_gecached(VoorbeeldForm(initial={"versie": 3}))
    form = VoorbeeldForm({"naam": "<b>Jan</b>", "wijk": wijk.pk, "versie": 3})
    html = crispy_gecached(form)
    assert "is-invalid" in html  # soort is missing
    assert "&lt;b&gt;Jan&lt;/b&gt;" in html and "<b>Jan" not in html
