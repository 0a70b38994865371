"""The main navigation, defined once: label, URL name, and who sees it.

A link whose URL name does not exist (yet) is left out, so a page appears in the menu
the moment it is built and never before.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from contacten import permissions
from contacten.rollen import Rol


@dataclass(frozen=True)
class Link:
    label: str | Promise
    url_name: str
    zichtbaar: Callable[[object], bool]


def _iedereen(user) -> bool:
    return True


def _wijkmedewerker(user) -> bool:
    return permissions.heeft_rol(user, Rol.WIJKADVISEUR, Rol.OPBOUWWERKER)


def _wethouder(user) -> bool:
    return permissions.heeft_rol(user, Rol.WIJKWETHOUDER)


@dataclass(frozen=True)
class Groep:
    """Links about one thing a person does, shown as one menu entry that opens (a
    disclosure, without JavaScript). A group with one visible link shows as that link."""

    label: str | Promise
    links: tuple[Link, ...]


# Grouped around what each person does, so that no role gets more than five entries in
# one row: looking around the wards, taking part, one's own work, and the agendas.
HOOFDMENU: list[Link | Groep] = [
    Link(_("Wards"), "wijken:lijst", _iedereen),
    Link(_("Initiatives and bottlenecks"), "initiatieven:lijst", _iedereen),
    Groep(
        _("Take part"),
        (
            Link(_("Submit an initiative"), "initiatieven:initiatief_indienen", _iedereen),
            Link(_("Report a bottleneck"), "initiatieven:knelpunt_melden", _iedereen),
            Link(_("Think along"), "meedenken:lijst", _iedereen),
            Link(_("My contributions"), "initiatieven:mijn_inbreng", permissions.is_bewoner),
            Link(_("Wards I follow"), "wijken:gevolgd", permissions.is_bewoner),
        ),
    ),
    Groep(
        _("My work"),
        (
            Link(_("Work queue"), "initiatieven:werkvoorraad", _wijkmedewerker),
            Link(_("For your decision"), "initiatieven:wethouder", _wethouder),
            Link(_("Ward dashboard"), "wijkdashboard", permissions.heeft_wijkdashboard),
            Link(_("Visits"), "bezoeken:lijst", permissions.is_medewerker),
            Link(_("Contact log"), "contactmomenten:lijst", permissions.heeft_contactlog),
        ),
    ),
    Groep(
        _("Agendas and decisions"),
        (
            Link(_("To the college agenda"), "initiatieven:agenderen", _wethouder),
            Link(_("Agenda"), "contacten:agenda", permissions.is_college_of_griffie),
            Link(
                _("Proposals and decisions"), "initiatieven:agenda_griffie", permissions.is_griffie
            ),
            Link(_("College overview"), "collegeoverzicht", permissions.is_college_of_griffie),
        ),
    ),
]


@lru_cache(maxsize=256)
def _url(url_name: str, prefix: str, urlconf: str) -> str | None:
    """The link's URL, None when the name does not exist. The URLs of the menu are the
    same on every request, so they are reversed once per process (fifteen reverse() calls
    were a millisecond of every page); the script prefix and URL configuration are part of
    the key, so a different mount point or URL configuration reverses afresh."""
    try:
        return reverse(url_name, urlconf=urlconf)
    except NoReverseMatch:
        return None


def menu_voor(user, huidig_pad: str = "") -> list[dict]:
    """The menu this person sees: entries with a label and either a URL (a link) or
    ``links`` (a group), each link marked ``actief`` when it is the current page, and a
    group marked ``actief`` when one of its links is.

    The current page is the link whose URL is the longest prefix of the path, so that
    /initiatieven/knelpunt-melden/ marks "Report a bottleneck", not also the list above it.
    """
    prefix, urlconf = get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF

    def zichtbaar(links) -> list[dict]:
        items = []
        for link in links:
            if not link.zichtbaar(user):
                continue
            url = _url(link.url_name, prefix, urlconf)
            if url is not None:
                items.append({"label": link.label, "url": url, "actief": False})
        return items

    menu, alle_links = [], []
    for entry in HOOFDMENU:
        if isinstance(entry, Link):
            links = zichtbaar([entry])
            menu.extend(links)
        else:
            links = zichtbaar(entry.links)
            if len(links) == 1:
                menu.append(links[0])
            elif links:
                menu.append({"label": entry.label, "links": links, "actief": False})
        alle_links.extend(links)
    passend = [i for i in alle_links if huidig_pad == i["url"] or huidig_pad.startswith(i["url"])]
    if passend:
        max(passend, key=lambda i: len(i["url"]))["actief"] = True
    for item in menu:
        if "links" in item:
            item["actief"] = any(link["actief"] for link in item["links"])
    return menu


def alle_links(menu: list[dict]) -> list[dict]:
    """The links of a menu from ``menu_voor``, groups opened up, in menu order."""
    return [link for item in menu for link in item.get("links", [item])]
