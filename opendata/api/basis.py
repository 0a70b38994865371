"""The read API's instance: errors as JSON with 400 for bad input, the rate limit, the
docs page, and the check that refuses parameters an endpoint does not know.

Read-only and anonymous: every operation is a GET, there is no authentication (so no
session, no cookie and no CSRF surface), and it shows only what the public pages show.
"""

import copy
import math
import time
from functools import wraps

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, Throttled, ValidationError
from ninja.openapi.docs import Swagger
from ninja.throttling import BaseThrottle

from wijken import pagecache, snelheid

API_VERSIE = "1"


class Fout(Schema):
    """Every error: what was wrong, in a sentence; for invalid parameters also which."""

    detail: str
    fouten: list[dict] | None = None


#: The error answers every operation documents besides its own 200.
FOUTEN = {400: Fout, 404: Fout, 429: Fout}


# --- rate limit ------------------------------------------------------------------------------


def _sleutel(request: HttpRequest) -> str:
    # The client's address as the portal's sign-in limits see it: allauth's helper, which
    # honours TRUSTED_PROXY_COUNT / TRUSTED_CLIENT_IP_HEADER behind a load balancer.
    return f"api:{get_adapter(request).get_client_ip(request)}"


def binnen_limiet(request: HttpRequest) -> bool:
    """Count one request of this client address; False once over ``API_LIMIET`` in the
    current window of ``API_LIMIET_PERIODE`` seconds (the shared cache: every server)."""
    return snelheid.toegestaan(_sleutel(request), settings.API_LIMIET, settings.API_LIMIET_PERIODE)


def wachttijd() -> int:
    """Seconds until the current window ends and a refused client may try again."""
    periode = settings.API_LIMIET_PERIODE
    return max(1, math.ceil(periode - time.time() % periode))


class Limiet(BaseThrottle):
    """The portal's own rate limit (``wijken.snelheid``) as a Ninja throttle: Ninja then
    answers 429 with ``Retry-After``."""

    def allow_request(self, request: HttpRequest) -> bool:
        return binnen_limiet(request)

    def wait(self) -> float:
        return wachttijd()


#: The 429's text, the same from an operation (Ninja's throttle) and from the docs.
TE_VEEL = "Too many requests from your address: try again after Retry-After seconds."


def _te_veel() -> JsonResponse:
    response = JsonResponse({"detail": TE_VEEL}, status=429)
    response["Retry-After"] = str(wachttijd())
    return response


def docs_decorator(view):
    """The description and the docs page: GET and HEAD only, within the same limit."""

    @require_safe
    def begrensd(request, *args, **kwargs):
        if not binnen_limiet(request):
            return _te_veel()
        return view(request, *args, **kwargs)

    return begrensd


# --- the docs page ---------------------------------------------------------------------------


class Documentatie(Swagger):
    """Ninja's bundled Swagger UI, served by the portal itself (no other site), in the
    portal's own page: the header, landmarks, language and a heading of every page, and
    no inline script or style, so the portal's CSP holds here unchanged."""

    template = "opendata/api_docs.html"
    default_settings = {
        "layout": "BaseLayout",
        # Deep links put a link inside each operation's expand button: nested controls,
        # which a screen reader cannot tell apart (axe: nested-interactive).
        "deepLinking": False,
        # Swagger UI would otherwise send the description to validator.swagger.io.
        "validatorUrl": None,
    }

    def render_page(self, request, api, **kwargs):
        # json_script rather than Ninja's ``|safe`` on a JSON string: escaped for HTML.
        instellingen = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(
            request,
            self.template,
            {"api": api, "instellingen": instellingen, "openapi_url": instellingen["url"]},
        )


# --- parameters ------------------------------------------------------------------------------


def bekende_parameters(request: HttpRequest, *schemas: type[Schema]) -> None:
    """Refuse a query parameter that none of ``schemas`` declares: a typo in a filter
    (``?wjik=``) would otherwise be ignored silently and return the whole list."""
    bekend = {"limit", "cursor"} if schemas else set()
    for schema in schemas:
        bekend |= {veld.alias or naam for naam, veld in schema.model_fields.items()}
    onbekend = sorted(set(request.GET) - bekend)
    if onbekend:
        raise HttpError(
            400,
            f"Unknown parameter(s): {', '.join(onbekend)}. "
            f"Known here: {', '.join(sorted(bekend)) or 'none'}.",
        )


# --- the page cache --------------------------------------------------------------------------

#: The template of every cached answer: the JSON as Ninja serialised it.
SJABLOON = "opendata/api_antwoord.txt"


def gecached(fragment: pagecache.Fragment):
    """An operation's answer (200) as a declared piece of the page cache, between
    ``@router.get`` and ``@paginate``: Ninja has by then checked the rate limit (so a hit
    counts) and validated the parameters (a 400 as before); on a miss the operation runs
    and Ninja serialises its result with the operation's own response schema, and that
    JSON is the piece. On a hit none of its queries run. An error the operation raises
    (an unknown parameter, an unknown ward) is answered by Ninja as before and not cached.
    The address is in the key, so every format, filter, cursor and limit is its own entry.
    """

    def decorator(view):
        operatie = []

        def onthouden(gebouwd):
            # The operation Ninja builds around the view (after ``@paginate`` gave it the
            # envelope with the cursor): its response schema is what serialises the
            # answer, exactly as without the cache. Ninja binds a copy of it to the API
            # later; this one is bound here, for serialising only.
            gebonden = copy.copy(gebouwd)
            gebonden.api = api
            operatie.append(gebonden)

        @wraps(view)
        def met_cache(request, **kwargs):
            def context():
                antwoord = operatie[0]._result_to_response(
                    request, view(request, **kwargs), api.create_temporal_response(request)
                )
                # Written by Ninja's JSON renderer, which escaped every text already.
                return {"lichaam": mark_safe(antwoord.content.decode())}  # noqa: S308

            lichaam = fragment.render(request, context)
            return HttpResponse(lichaam.encode(), content_type=api.get_content_type())

        # ``wraps`` shared the paginated view's list of callbacks; this view gets its own.
        met_cache._ninja_contribute_to_operation = [
            *getattr(view, "_ninja_contribute_to_operation", []),
            onthouden,
        ]
        return met_cache

    return decorator


# --- the instance ----------------------------------------------------------------------------


class LeesApi(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # The view's own name (wijken, onderwerp, …): unique in this API and what a
        # generated client calls its methods, rather than Ninja's module path.
        return operation.view_func.__name__


api = LeesApi(
    # Not translated: the description is the same for every client, whatever its language.
    title="Wijkportaal read API",
    version=API_VERSIE,
    description=(
        "Read-only, anonymous access to what the portal's public pages show: wards with "
        "their neighbourhoods and key figures, published initiatives and bottlenecks with "
        "their public history, meetings with their agendas, decisions, and the municipality's "
        "questions to the wards with its feedback. Lists are "
        "paginated with cursors; see docs/open-data.md."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs=Documentatie(),
    docs_url="/docs",
    docs_decorator=docs_decorator,
    auth=None,
    throttle=[Limiet()],
)


@api.exception_handler(ValidationError)
def ongeldige_invoer(request, exc: ValidationError):
    """Invalid parameters are a 400 (Ninja's default is 422), with each field and why."""
    fouten = [
        {
            "parameter": ".".join(str(deel) for deel in fout.get("loc", ())[1:])
            or str(fout.get("loc", [""])[0]),
            "fout": str(fout.get("msg", "invalid")),
        }
        for fout in exc.errors
    ]
    namen = ", ".join(sorted({f["parameter"] for f in fouten}))
    return api.create_response(
        request, {"detail": f"Invalid parameter(s): {namen}.", "fouten": fouten}, status=400
    )


@api.exception_handler(Throttled)
def te_veel(request, exc: Throttled):
    """Over the rate limit (Ninja adds ``Retry-After``)."""
    return api.create_response(request, {"detail": TE_VEEL}, status=429)
