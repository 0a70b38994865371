"""Time to first byte, total time and peak memory of every open data export.

Each export runs in a fresh Python process (so the peak resident memory is that one
export's), through the whole Django stack (middleware included) with the test client,
reading the streamed response chunk by chunk as a client on a fast network would.
DEBUG is off: with it on, Django keeps every query in memory.

    DATABASE_URL=postgres://.../wijkportaal_bench .venv/bin/python scripts/opendata_meten.py

Only reads the database. Prints one Markdown table row per export.
"""

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

BASIS = Path(__file__).resolve().parent.parent


#: Resident memory is sampled each time this many more bytes went out.
STAP = 10_000_000


def _rss_mb() -> int:
    with open("/proc/self/status") as status:
        for regel in status:
            if regel.startswith("VmRSS:"):
                return round(int(regel.split()[1]) / 1024)
    return 0


def _een(dataset: str, formaat: str) -> dict:
    sys.path.insert(0, str(BASIS))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wijkportaal.settings")
    os.environ["DEMO"] = "1"  # a secret for the settings; DEBUG stays off
    os.environ.pop("DEBUG", None)
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if settings.DEBUG:
        raise SystemExit("DEBUG keeps every query in memory: measure with DEBUG off")
    client = Client(HTTP_HOST="127.0.0.1")
    # A warm process, as a server's is: the first request of a process imports and
    # compiles what every later one reuses (the view, the middleware, the URLconf).
    client.get(f"/open-data/{dataset}.onbekend")
    voor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    gebruik = resource.getrusage(resource.RUSAGE_SELF)
    begin = time.perf_counter()
    response = client.get(f"/open-data/{dataset}.{formaat}")
    if response.status_code != 200 or not response.streaming:
        raise SystemExit(f"{dataset}.{formaat}: {response.status_code}, not a streamed file")
    eerste = rijen = None
    grootte = regels = 0
    onderweg = []  # resident memory along the way: flat when memory is constant
    for stuk in response.streaming_content:
        if len(onderweg) < 10_000 and grootte // STAP != (grootte + len(stuk)) // STAP:
            onderweg.append(_rss_mb())
        if eerste is None:
            eerste = time.perf_counter() - begin  # the header row / the metadata
        elif rijen is None:
            rijen = time.perf_counter() - begin  # the first piece with rows
        grootte += len(stuk)
        regels += stuk.count(b"\n")
    totaal = time.perf_counter() - begin
    # On a shared machine the wall clock includes waiting for a core; the CPU time is
    # what the export itself cost this process (the database's work is not in it).
    na_gebruik = resource.getrusage(resource.RUSAGE_SELF)
    cpu = (na_gebruik.ru_utime + na_gebruik.ru_stime) - (gebruik.ru_utime + gebruik.ru_stime)
    na = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "dataset": dataset,
        "formaat": formaat,
        "eerste_byte_s": round(eerste, 3),
        "eerste_rijen_s": round(rijen if rijen is not None else eerste, 3),
        "totaal_s": round(totaal, 1),
        "cpu_s": round(cpu, 1),
        "megabytes": round(grootte / 1e6, 1),
        "regels": regels,
        "rss_voor_mb": round(voor / 1024),
        "rss_piek_mb": round(na / 1024),
        "rss_onderweg_mb": f"{min(onderweg)}–{max(onderweg)}" if onderweg else "",
    }


def main():
    if sys.argv[1:2] == ["--een"]:
        print(json.dumps(_een(sys.argv[2], sys.argv[3])))
        return
    datasets = sys.argv[1:] or [
        "onderwerpen",
        "statuswijzigingen",
        "wijken",
        "buurten",
        "groepen",
        "vergaderingen",
        "agendapunten",
        "toezeggingen",
    ]
    print(
        "| dataset | format | first byte | first rows | total | CPU | size | lines "
        "| peak RSS (before) | RSS every 10 MB out |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for dataset in datasets:
        for formaat in ("csv", "json"):
            uit = subprocess.run(  # noqa: S603 - this script, with fixed arguments
                [sys.executable, __file__, "--een", dataset, formaat],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(uit.stdout.strip().splitlines()[-1])
            print(
                f"| {r['dataset']} | {r['formaat']} | {r['eerste_byte_s']} s | "
                f"{r['eerste_rijen_s']} s | "
                f"{r['totaal_s']} s | {r['cpu_s']} s | {r['megabytes']} MB | {r['regels']:,} | "
                f"{r['rss_piek_mb']} MB ({r['rss_voor_mb']} MB) | {r['rss_onderweg_mb']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
