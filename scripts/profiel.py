"""Where a page's time goes, in-process: render each key page of the benchmark N times
through Django's test client with production settings (DEBUG off) as the benchmark's role,
and print the CPU ms per request and the SQL queries (count and wall time).

Unlike wrk's requests/s these figures hardly depend on what else the machine is doing, so
a change can be measured before and after on a busy machine. Needs the seed_load data set
(the same database `make bench` uses); like `make bench` it turns the role accounts into
accounts without a password and gives staff a TOTP authenticator, so run it only on a
database made for load tests.

    DATABASE_URL=postgres://... python scripts/profiel.py [-n 30] [--alleen "item list"]
    DATABASE_URL=postgres://... python scripts/profiel.py --profiel "triage page"

``--profiel`` prints cProfile's top functions (cumulative time) for one page instead;
with PYINSTRUMENT=1 (and pyinstrument importable) its sampled call tree; ``--sjablonen``
the CPU time spent in each template (its own nodes, includes excluded).
"""

import argparse
import cProfile
import os
import pstats
import secrets
import shutil
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


def toon_sql(client, pagina, explain_ms: float | None) -> None:
    """Each query of one render (the second, caches warm) with its wall time; the plan of
    the slow ones."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(pagina.pad)
    with CaptureQueriesContext(connection) as vastgelegd:
        client.get(pagina.pad)
    print(pagina.naam)
    for query in vastgelegd.captured_queries:
        duur = float(query["time"]) * 1000
        print(f"  {duur:7.1f} ms  {query['sql'][:300]}")
        if explain_ms is not None and duur >= explain_ms and query["sql"].startswith("SELECT"):
            print(query["sql"])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                for (regel,) in cursor.fetchall():
                    print("    " + regel)


def per_sjabloon(client, pagina, n: int) -> None:
    """CPU ms per request spent rendering each template, its included templates not
    counted (they have their own line). A template partial (``{% partialdef %}``, the
    cached content of most key pages) is a ``PartialTemplate`` of its own and has its own
    line, ``template#partial``."""
    from collections import Counter

    from django.template.base import PartialTemplate, Template

    tijden, stapel = Counter(), []

    def meet(origineel, naam_van):
        def gemeten(self, context):
            stapel.append(0.0)
            begin = time.process_time()
            try:
                return origineel(self, context)
            finally:
                duur = time.process_time() - begin
                binnen = stapel.pop()
                tijden[naam_van(self)] += duur - binnen
                if stapel:
                    stapel[-1] += duur

        return gemeten

    client.get(pagina.pad)
    origineel, origineel_partial = Template._render, PartialTemplate._render
    Template._render = meet(origineel, lambda t: t.origin.template_name or t.name)
    PartialTemplate._render = meet(
        origineel_partial, lambda t: f"{t.origin.template_name}#{t.name}"
    )
    try:
        for _ in range(n):
            client.get(pagina.pad)
    finally:
        Template._render, PartialTemplate._render = origineel, origineel_partial
    print(pagina.naam)
    for naam, duur in tijden.most_common(15):
        print(f"  {duur * 1000 / n:6.2f} ms  {naam}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=20, help="renders per page")
    parser.add_argument("--alleen", nargs="*", help="only these pages")
    parser.add_argument("--profiel", help="cProfile this page and print its top functions")
    parser.add_argument("--regels", type=int, default=40, help="lines of the profile")
    parser.add_argument("--sorteer", default="cumulative", help="cProfile sort key (tottime…)")
    parser.add_argument("--sql", action="store_true", help="print each query and its time")
    parser.add_argument(
        "--explain", type=float, metavar="MS", help="with --sql: EXPLAIN ANALYZE queries this slow"
    )
    parser.add_argument("--sjablonen", action="store_true", help="CPU ms per template, per request")
    args = parser.parse_args(argv)

    database_url = os.environ.get("DATABASE_URL") or bench.STANDAARD_DATABASE
    static_root = tempfile.mkdtemp(prefix="wijkportaal-static-")
    try:
        return _profileer(args, database_url, static_root)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)


def _profileer(args, database_url: str, static_root: str) -> int:
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
        if args.profiel and os.environ.get("PYINSTRUMENT"):
            # A sampling profiler shows the call tree with far less distortion than
            # cProfile; it is not a dependency of the project, so only when installed.
            from pyinstrument import Profiler

            meet(client, pagina.pad, 1)
            profiler = Profiler(interval=0.0002)
            profiler.start()
            for _ in range(args.n):
                client.get(pagina.pad)
            profiler.stop()
            print(profiler.output_text(color=False, show_all=False))
            continue
        if args.profiel:
            meet(client, pagina.pad, 1)
            profiel = cProfile.Profile(time.process_time)  # CPU time: waits on SQL left out
            profiel.enable()
            for _ in range(args.n):
                client.get(pagina.pad)
            profiel.disable()
            pstats.Stats(profiel).sort_stats(args.sorteer).print_stats(args.regels)
            continue
        if args.sjablonen:
            per_sjabloon(client, pagina, args.n)
            continue
        if args.sql:
            toon_sql(client, pagina, args.explain)
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
