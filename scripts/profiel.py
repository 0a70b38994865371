"""Where a page's time goes, in-process: render each key page of the benchmark N times
through Django's test client with production settings (DEBUG off) as the benchmark's role,
and print the CPU ms per request and the SQL queries (count and wall time).

Unlike wrk's requests/s these figures hardly depend on what else the machine is doing, so
a change can be measured before and after on a busy machine. Needs the seed_load data set
(the same database `make bench` uses).

    DATABASE_URL=postgres://... python scripts/profiel.py [-n 30] [--alleen "item list"]
    DATABASE_URL=postgres://... python scripts/profiel.py --profiel "triage page"

``--profiel`` prints cProfile's top functions (cumulative time) for one page instead.
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASIS))
sys.path.insert(0, str(BASIS / "scripts"))

import bench  # noqa: E402 - the same pages, roles and production environment


def meet(client, pad: str, n: int) -> tuple[float, float, int, float]:
    """Median and minimum CPU ms, and the SQL queries and their wall ms, of one page."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    antwoord = client.get(pad)  # warm per-process caches (templates, cached fragments)
    if antwoord.status_code != 200:
        raise SystemExit(f"{pad}: status {antwoord.status_code}")
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(pad)
    queries = len(vastgelegd.captured_queries)
    sql_ms = sum(float(q["time"]) for q in vastgelegd.captured_queries) * 1000
    tijden = []
    for _ in range(n):
        begin = time.process_time()
        client.get(pad)
        tijden.append((time.process_time() - begin) * 1000)
    return statistics.median(tijden), min(tijden), queries, sql_ms


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="renders per page")
    parser.add_argument("--alleen", nargs="*", help="only these pages")
    parser.add_argument("--profiel", help="cProfile this page and print its top functions")
    parser.add_argument("--regels", type=int, default=40, help="lines of the profile")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL") or bench.STANDAARD_DATABASE
    static_root = tempfile.mkdtemp(prefix="wijkportaal-static-")
    os.environ.update(bench.bench_omgeving(database_url, static_root, secrets.token_urlsafe(50)))
    bench.manage(os.environ, "collectstatic", "--noinput", "-v0")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    Gebruiker = get_user_model()
    gebruikers = {r: Gebruiker.objects.get(email=e) for r, e in bench.ACCOUNTS.items()}
    for gebruiker in gebruikers.values():
        bench.zonder_wachtwoord(gebruiker)
        bench.zorg_voor_totp(gebruiker)
    paginas = bench.sleutelpaginas(gebruikers)
    if args.profiel:
        paginas = [p for p in paginas if p.naam == args.profiel]
    elif args.alleen:
        paginas = [p for p in paginas if p.naam in args.alleen]

    for pagina in paginas:
        client = Client(HTTP_HOST="127.0.0.1")
        if pagina.rol:
            client.force_login(gebruikers[pagina.rol])
        if args.profiel:
            meet(client, pagina.pad, 1)
            profiel = cProfile.Profile()
            profiel.enable()
            for _ in range(args.n):
                client.get(pagina.pad)
            profiel.disable()
            pstats.Stats(profiel).sort_stats("cumulative").print_stats(args.regels)
            continue
        mediaan, minimum, queries, sql_ms = meet(client, pagina.pad, args.n)
        print(
            f"{pagina.naam:20} CPU {mediaan:6.1f} ms (min {minimum:5.1f})  "
            f"SQL {queries:2} queries {sql_ms:6.1f} ms",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
