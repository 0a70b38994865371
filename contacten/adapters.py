"""allauth adapter: the portal's own rules around accounts."""

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def get_from_email(self):
        return settings.DEFAULT_FROM_EMAIL

    def populate_username(self, request, user):
        # There is no username: people sign in with their email address.
        return None
