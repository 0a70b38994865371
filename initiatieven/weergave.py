"""What the item pages share (as ``wijken.weergave`` is for every app): the breadcrumbs
below the public list, and cheaper rendering of lists of items (a status badge rendered
once per status, URLs joined rather than reversed per row).
"""

from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy

from wijken.weergave import kruimelpad, url_per_sleutel

#: Breadcrumbs of the item pages: home, the public list, then the steps passed in.
onderwerp_kruimels = kruimelpad("initiatieven:lijst", gettext_lazy("Initiatives and bottlenecks"))


def met_statuslabels(pagina):
    """Give each item on the page its status badge, rendered once per status on the page
    rather than once per row (an include per row was a tenth of the list's CPU time)."""
    labels = {}
    for onderwerp in pagina:
        if onderwerp.status not in labels:
            labels[onderwerp.status] = render_to_string(
                "initiatieven/includes/status.html",
                {"status": onderwerp.status, "label": onderwerp.get_status_display()},
            )
        onderwerp.statuslabel = labels[onderwerp.status]  # render_to_string: already safe
    return pagina


def met_urls(pagina):
    """Give each item on the page its public URL (``url``), one ``reverse()`` for all."""
    onderwerp_url = url_per_sleutel("initiatieven:onderwerp")
    for onderwerp in pagina:
        onderwerp.url = onderwerp_url(onderwerp.pk)
    return pagina
