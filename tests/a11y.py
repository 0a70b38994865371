"""The accessibility check: axe-core (bundled offline) on the page as the browser shows it."""

from axe_playwright_python.sync_playwright import Axe

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_axe = Axe()


def axe_overtredingen(page) -> list[dict]:
    """Every axe-core violation of the WCAG 2.0/2.1 A and AA rules on the current page."""
    resultaat = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    return resultaat.response["violations"]


def doelgrootte_overtredingen(page) -> list[dict]:
    """axe-core's WCAG 2.2 target-size rule (2.5.8, AA) on the current page: not yet among
    the rules every page is checked by, so the pages that were fixed for it check it."""
    resultaat = _axe.run(
        page,
        options={
            "runOnly": {"type": "rule", "values": ["target-size"]},
            "resultTypes": ["violations"],
        },
    )
    return resultaat.response["violations"]


def assert_toegankelijk(page, *, wat: str = "") -> None:
    """Fail with a readable report when the page has any WCAG A/AA violation."""
    overtredingen = axe_overtredingen(page)
    if overtredingen:
        regels = []
        for o in overtredingen:
            doelen = "; ".join(", ".join(n["target"]) for n in o["nodes"][:5])
            regels.append(f"- {o['id']} ({o['impact']}): {o['help']} -> {doelen}")
        naam = wat or page.url
        raise AssertionError(
            f"axe-core: {len(overtredingen)} violation(s) on {naam}:\n" + "\n".join(regels)
        )


def controleer(page, wat: str) -> None:
    """The page a step of a journey arrived on: loaded, one heading, no axe violation.

    A click that submits a form returns once the answer starts to arrive; waiting for
    the load event keeps a busy machine from checking the page before it is there."""
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, wat
    assert_toegankelijk(page, wat=wat)
