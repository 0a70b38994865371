"""The "Open data" page and the dataset downloads (CSV and JSON, streamed).

Everything here is public and the same for everyone: no person, no form, no writes.
"""

import json

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from opendata import exports

#: How long a browser or proxy may keep a file: the data changes through the day, a
#: harvester that comes back within the hour gets the same file. ``public``: it holds
#: nothing personal (a signed-in person's response is made private anyway, see
#: ``PersoonlijkNietBewarenMiddleware``).
BEWAAR_SECONDEN = 15 * 60
BEWAREN = f"public, max-age={BEWAAR_SECONDEN}"

#: The other ways the portal publishes: URL name and arguments, title, what it is for.
ANDERE_DIENSTEN = (
    (
        "opendata:feed_onderwerpen",
        {},
        gettext_lazy("Atom feeds"),
        gettext_lazy(
            "follow every published item, one kind, one ward, one item's steps, the meetings, "
            "the decisions and the questions to the wards in a feed reader"
        ),
    ),
    (
        "api-v1:openapi-view",
        {},
        gettext_lazy("Read API"),
        gettext_lazy(
            "wards, items, meetings, decisions and questions to the wards as JSON, with its "
            "OpenAPI description"
        ),
    ),
    (
        "opendata:open311_discovery",
        {"fmt": "json"},
        gettext_lazy("Open311 GeoReport v2"),
        gettext_lazy("bottlenecks for reporting apps, in the international Open311 standard"),
    ),
)


def _diensten() -> list[tuple[str, str, str]]:
    return [
        (reverse(naam, kwargs=kw), titel, uitleg) for naam, kw, titel, uitleg in ANDERE_DIENSTEN
    ]


@require_safe
def open_data(request):
    return render(
        request,
        "opendata/open_data.html",
        {
            "datasets": exports.DATASETS.values(),
            "formaten": exports.FORMATEN,
            "licentie_url": exports.LICENTIE_URL,
            # The tab and the carriage return are named in words by the text.
            "formule_tekens": " ".join(t for t in exports.FORMULE_TEKENS if t.isprintable()),
            "lijst_scheider": exports.LIJST_SCHEIDER,
            "sinds_min": exports.SINDS_MIN,
            "sinds_max": exports.SINDS_MAX,
            "diensten": _diensten(),
            "bewaar_minuten": BEWAAR_SECONDEN // 60,
            "kruimels": [(reverse("home"), _("Home"))],
        },
    )


def _fout(formaat: str, status: int, bericht: str) -> HttpResponse:
    """A refusal in the format asked for: JSON for json, plain text otherwise (a CSV
    reader would take a one-cell table for data)."""
    if formaat == "json":
        inhoud = json.dumps({"fout": bericht, "status": status}, ensure_ascii=False)
        response = HttpResponse(inhoud, status=status, content_type=exports.INHOUDSTYPEN["json"])
    else:
        response = HttpResponse(
            bericht + "\n", status=status, content_type="text/plain; charset=utf-8"
        )
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def download(request, dataset: str, formaat: str):
    if formaat not in exports.FORMATEN:
        return _fout(
            "",
            400,
            _("Unknown format. Choose one of: %(formaten)s.")
            % {"formaten": ", ".join(exports.FORMATEN)},
        )
    gegevens = exports.DATASETS.get(dataset)
    if gegevens is None:
        return _fout(
            formaat,
            404,
            _("Unknown dataset. The datasets are: %(namen)s.")
            % {"namen": ", ".join(exports.DATASETS)},
        )
    try:
        lookups = exports.filters_uit(gegevens, request.GET)
    except exports.OngeldigeParameter as fout:
        return _fout(formaat, 400, str(fout))

    basis = request.build_absolute_uri("/").rstrip("/")
    if request.method == "HEAD":
        # The headers only: a server may read a streamed body to the end even when it
        # sends none of it, which would be the whole export for nothing.
        response = HttpResponse(content_type=exports.INHOUDSTYPEN[formaat])
    else:
        response = StreamingHttpResponse(
            exports.STROMEN[formaat](gegevens, lookups, basis),
            content_type=exports.INHOUDSTYPEN[formaat],
        )
    response["Content-Disposition"] = f'attachment; filename="{gegevens.bestandsnaam(formaat)}"'
    response["Link"] = (
        f'<{exports.LICENTIE_URL}>; rel="license", '
        f'<{basis}{reverse("opendata:open_data")}>; rel="describedby"'
    )
    response["Cache-Control"] = BEWAREN
    return response
