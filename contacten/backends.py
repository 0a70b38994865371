"""Authentication backend: allauth's, refusing demo accounts outside demo mode."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.conf import settings


class AuthenticationBackend(AllauthBackend):
    def user_can_authenticate(self, user):
        # Demo accounts have a published password. Should a demo database ever reach a
        # real server, they cannot sign in, and their old sessions stop working too
        # (ModelBackend.get_user asks this same question on every request).
        if getattr(user, "is_demo", False) and not settings.DEMO:
            return False
        return super().user_can_authenticate(user)
