"""Authentication backend: allauth's, refusing demo accounts outside demo mode."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef

# Set on the user of each request: whether they have a second factor, read in the same
# query as the user, as the staff's second-factor rule asks it on every request.
HEEFT_TWEEDE_FACTOR = "_wp_heeft_tweede_factor"


class AuthenticationBackend(AllauthBackend):
    def user_can_authenticate(self, user):
        # Demo accounts have a published password. Should a demo database ever reach a
        # real server, they cannot sign in, and their old sessions stop working too
        # (ModelBackend.get_user asks this same question on every request).
        if getattr(user, "is_demo", False) and not settings.DEMO:
            return False
        return super().user_can_authenticate(user)

    def get_user(self, user_id):
        """The signed-in person of a request, with whether they have any authenticator."""
        model = get_user_model()
        try:
            user = model._default_manager.annotate(
                **{HEEFT_TWEEDE_FACTOR: Exists(Authenticator.objects.filter(user=OuterRef("pk")))}
            ).get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
