"""What a test that counts a request's queries also checks: that it measured the page.

A redirect to the sign-in page, a 403 or a 404 costs a handful of queries, so a query
budget would still hold if a view started to refuse or redirect. Every query-count test
that makes a request therefore asserts the status and the template of what it counted.
"""


def assert_page(response, template: str, *, status: int = 200) -> None:
    """``response`` has ``status`` and was rendered with ``template`` (by the test client,
    which records every template a response renders, includes and partials too)."""
    location = response.get("Location", "")
    assert response.status_code == status, (
        f"expected {status} rendered with {template}, got {response.status_code}"
        + (f" to {location}" if location else "")
    )
    rendered = [t.name for t in (response.templates or []) if t.name]
    assert template in rendered, f"{template} was not rendered; rendered: {rendered}"
