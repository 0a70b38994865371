"""The permission matrix of the whole portal: every URL of the root URLconf in one matrix.

Each matrix module (``tests/**/test_*permissiematrix*.py``) exports ``DEKT``, the keys of
the patterns it walks (see ``tests.permissiematrix.dekking``), and ``GEVALLEN``, how many
role × URL × method × object cases it checks. This test walks the root URLconf, includes
and the admin too, and requires every pattern to be covered by exactly one matrix: a URL
added anywhere without a matrix entry fails here, and so does a matrix claiming a URL that
no longer exists. The total number of cases is printed at the end of the run.
"""

import importlib
from pathlib import Path

from tests import figures
from tests.permissiematrix import alle_patronen

TESTS = Path(__file__).parent


def matrixmodules() -> dict[str, object]:
    """Module name → module, for every matrix module under tests/."""
    modules = {}
    for pad in sorted(TESTS.rglob("test_*permissiematrix*.py")):
        if pad == Path(__file__):
            continue
        naam = ".".join(pad.relative_to(TESTS.parent).with_suffix("").parts)
        modules[naam] = importlib.import_module(naam)
    return modules


def test_elke_matrix_zegt_wat_ze_dekt():
    for naam, module in matrixmodules().items():
        assert getattr(module, "DEKT", None), f"{naam} exports no DEKT"
        assert getattr(module, "GEVALLEN", 0) > 0, f"{naam} exports no GEVALLEN"


def test_elke_url_in_precies_een_matrix(request):
    portaal = {sleutel: route for sleutel, route, _patroon in alle_patronen()}
    gedekt: dict[str, list[str]] = {}
    for naam, module in matrixmodules().items():
        for sleutel in module.DEKT:
            gedekt.setdefault(sleutel, []).append(naam)

    zonder = sorted(f"{s} ({portaal[s]})" for s in portaal if s not in gedekt)
    dubbel = sorted(f"{s}: {m}" for s, m in gedekt.items() if len(m) > 1)
    onbekend = sorted(s for s in gedekt if s not in portaal)
    assert not zonder, "URLs in no permission matrix:\n" + "\n".join(zonder)
    assert not dubbel, "URLs in more than one matrix:\n" + "\n".join(dubbel)
    assert not onbekend, "Matrix entries without a URL:\n" + "\n".join(onbekend)

    # For the summary at the end of the run (tests/figures.py).
    lines = []
    total = 0
    for naam, module in sorted(matrixmodules().items()):
        lines.append(f"{naam}: {len(module.DEKT)} URLs, {module.GEVALLEN} cases")
        total += module.GEVALLEN
    lines.append(
        f"total: {len(portaal)} URL patterns, {total} cases (role × URL × method × object)"
    )
    figures.report(request.config, "permission matrix", "\n".join(lines))
