#!/usr/bin/env python
"""A newcomer's first journey through a running demo portal, in headless Chromium.

Against a portal started with ``make demo`` (demo mode, the demo municipality seeded, each
email also written to the folder of ``EMAIL_FILE_PATH``), through the real pages and forms:

1. a new resident signs up with the sign-up form;
2. confirms the address with the link from the email the demo sent;
3. signs in and submits an initiative in the ward Centrum;
4. the demo ward advisor (wijkadviseur@example.org) signs in, which in demo mode needs no
   second factor, and publishes the initiative with the screening on its triage page;
5. signed out, the public item page shows it.

Each step prints a line; a failure prints what went wrong, the page it happened on, and
saves a screenshot next to the emails, then exits with 1. ``.ci/run`` runs this against
the demo it starts from its fresh clone:

    python scripts/demo_journey.py --base-url http://127.0.0.1:8000 --mail-dir DIR

Needs Playwright (the dev dependencies) and a Chromium (Debian's ``chromium``); it never
downloads a browser.
"""

import argparse
import email
import email.policy
import re
import secrets
import shutil
import sys
import time
from pathlib import Path

DEMO_PASSWORD = "wijkportaal-demo"  # noqa: S105 - the demo's published password
ADVISEUR = "wijkadviseur@example.org"
WIJK = "Centrum"  # a ward of the demo whose advisor is ADVISEUR (wijken/demo.py)


class JourneyFailed(Exception):
    """A step did not reach what it should have."""


def step(text: str) -> None:
    print(f"  ok  {text}", flush=True)


def wait_for_mail(folder: Path, address: str, timeout: float) -> email.message.EmailMessage:
    """The latest email to ``address`` in ``folder`` (one ``.eml`` file per email)."""
    end = time.monotonic() + timeout
    while True:
        found = []
        for path in sorted(folder.glob("*.eml")) if folder.is_dir() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address in str(message["To"]):
                found.append(message)
        if found:
            return found[-1]
        if time.monotonic() > end:
            raise JourneyFailed(f"no email to {address} in {folder} after {timeout:.0f} s")
        time.sleep(0.3)


def sign_in(page, base_url: str, address: str, password: str) -> None:
    page.goto(f"{base_url}/account/login/")
    page.fill("#id_login", address)
    page.fill("#id_password", password)
    page.locator("form[action='/account/login/'] [type=submit]").click()
    page.wait_for_load_state()
    if "/account/login/" in page.url or "/mfa/" in page.url:
        raise JourneyFailed(f"signing in as {address} ended on {page.url}")
    if page.locator("form[action='/account/logout/']").count() == 0:
        raise JourneyFailed(f"signed in as {address}, but the page offers no way to sign out")


def sign_out(page) -> None:
    page.locator("form[action='/account/logout/'] [type=submit]").first.click()
    page.wait_for_load_state()
    if page.locator("form[action='/account/logout/']").count():
        raise JourneyFailed("still signed in after signing out")


def journey(page, browser, base_url: str, mail_dir: Path, timeout: float) -> None:
    address = f"nieuw-{secrets.token_hex(4)}@example.test"
    password = f"lente-in-de-wijk-{secrets.token_hex(3)}"
    title = f"Fruitbomen langs het fietspad {secrets.token_hex(3)}"

    # 1. Sign up through the form, reached from the home page.
    page.goto(f"{base_url}/")
    page.locator("a[href='/account/signup/']").first.click()
    page.fill("#id_weergavenaam", "Noor van Dijk")
    page.fill("#id_email", address)
    page.fill("#id_password1", password)
    page.fill("#id_password2", password)
    page.locator("form[action='/account/signup/'] [type=submit]").click()
    page.wait_for_url(re.compile(r"/account/confirm-email/$"))
    step(f"signed up as {address} through the sign-up form")

    # 2. Confirm the address with the link from the email.
    message = wait_for_mail(mail_dir, address, timeout)
    body = message.get_body(preferencelist=("plain",)).get_content()
    links = re.findall(r"https?://\S+/account/confirm-email/\S+/", body)
    if not links:
        raise JourneyFailed(f"no confirmation link in the email:\n{body}")
    page.goto(links[0])
    page.locator("form[action*='/account/confirm-email/'] [type=submit]").click()
    page.wait_for_url(re.compile(r"/account/login/"))
    step(f"confirmed the address with the link from the email ({message['Subject']})")

    # 3. Sign in and submit an initiative.
    sign_in(page, base_url, address, password)
    page.goto(f"{base_url}/initiatieven/initiatief-indienen/")
    page.fill("#id_titel", title)
    page.fill("#id_beschrijving", "Een rij fruitbomen langs het fietspad, door de buurt geplant.")
    page.select_option("#id_thema", index=1)
    page.select_option("#id_wijk", label=WIJK)
    page.fill("#id_locatie", "Fietspad langs de vaart")
    page.locator("#knop-indienen").click()
    page.wait_for_url(re.compile(r"/initiatieven/\d+/ontvangen/$"))
    pk = re.search(r"/initiatieven/(\d+)/ontvangen/$", page.url).group(1)
    step(f"signed in and submitted initiative {pk} in {WIJK}")
    sign_out(page)

    # 4. The ward advisor publishes it through the screening on the triage page.
    sign_in(page, base_url, ADVISEUR, DEMO_PASSWORD)
    page.goto(f"{base_url}/initiatieven/{pk}/triage/")
    if title not in page.content():
        raise JourneyFailed(f"the triage page of {pk} does not show the initiative")
    form = page.locator("#screenen-form")
    form.locator("input[name=openbaar][value=ja]").check()
    form.locator("[type=submit]").click()
    page.wait_for_load_state()
    step(f"signed in as {ADVISEUR} (no second factor in demo mode) and published it")
    sign_out(page)

    # 5. Signed out (a browser of its own, no cookies): the public page shows it.
    context = browser.new_context()
    try:
        public = context.new_page()
        response = public.goto(f"{base_url}/initiatieven/{pk}/")
        if response is None or response.status != 200:
            status = response.status if response else "no answer"
            raise JourneyFailed(f"the public page of {pk} answered {status}")
        if title not in public.locator("main").inner_text():
            raise JourneyFailed(f"the public page of {pk} does not show its title")
    finally:
        context.close()
    step("signed out, the public item page shows it")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--mail-dir", type=Path, required=True, help="EMAIL_FILE_PATH of the demo")
    parser.add_argument(
        "--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds per step")
    args = parser.parse_args(argv)
    base_url = args.base_url.rstrip("/")
    if not args.chromium:
        print("FAILED: Chromium is not installed (apt-get install chromium)")
        return 1

    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    print(f"Demo journey against {base_url}")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=args.chromium,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
        )
        page = browser.new_page(locale="nl-NL", timezone_id="Europe/Amsterdam")
        page.set_default_timeout(args.timeout * 1000)
        try:
            journey(page, browser, base_url, args.mail_dir, args.timeout)
        except (JourneyFailed, PlaywrightError, AssertionError) as exc:
            print(f"FAILED: {exc}")
            print(f"  on {page.url}")
            with_shot = args.mail_dir.parent / "demo-journey-failed.png"
            try:
                page.screenshot(path=str(with_shot), full_page=True)
                print(f"  screenshot: {with_shot}")
            except PlaywrightError:
                pass
            return 1
        finally:
            browser.close()
    print("PASSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
