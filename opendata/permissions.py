"""Who may do what with open data, expressed once.

Reading (exports, feeds, Open311, the read API) is public and needs no predicate. Creating
an Open311 request is authorised by a partner app's API key, never by a person.
"""

from contacten.permissions import is_beheerder


def mag_api_sleutels_beheren(user) -> bool:
    """Issue, see and revoke the partner apps' API keys: the functional administrator."""
    return is_beheerder(user)
