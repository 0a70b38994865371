"""The ward permission predicates as template filters: ``{% if user|mag_wijk_beheren:wijk %}``.

Templates show a link only where the view would allow it; both ask ``wijken.permissions``.
"""

from django import template

from wijken import permissions

register = template.Library()


@register.filter
def mag_wijk_beheren(user, wijk) -> bool:
    return permissions.mag_wijk_beheren(user, wijk)


@register.filter
def mag_groep_beheren(user, groep) -> bool:
    return permissions.mag_groep_beheren(user, groep)


@register.filter
def mag_bestuur_beheren(user, groep) -> bool:
    return permissions.mag_bestuur_beheren(user, groep)
