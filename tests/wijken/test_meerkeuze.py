"""A multiple choice with an id no row can have is invalid, on SQLite as on PostgreSQL
(SQLite raised OverflowError in ``IN (…)``: a 500 for a tampered form)."""

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings

from tests.wijken.factories import WijkFactory
from wijken.forms import Meerkeuze
from wijken.models import Wijk

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "waarde", ["9" * 21, str(2**63), str(-(2**63) - 1), "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠١"]
)
def test_te_groot_id_is_geen_keuze(waarde):
    wijk = WijkFactory()
    veld = Meerkeuze(queryset=Wijk.objects.all())
    with pytest.raises(forms.ValidationError) as fout:
        veld.clean([str(wijk.pk), waarde])
    assert fout.value.code == "invalid_choice"
    assert list(veld.clean([str(wijk.pk)])) == [wijk]


def test_elke_meerkeuze_van_het_portaal_is_begrensd():
    """No form of the portal uses Django's own ModelMultipleChoiceField directly."""
    basis = Path(settings.BASE_DIR)
    direct = [
        str(pad.relative_to(basis))
        for app in ("wijken", "contacten", "initiatieven", "meedenken", "opendata", "wijkportaal")
        for pad in (basis / app).rglob("*.py")
        if re.search(r"\bModelMultipleChoiceField\(", pad.read_text())
        and pad != basis / "wijken" / "forms.py"
    ]
    assert not direct, direct
