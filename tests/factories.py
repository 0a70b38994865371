"""factory_boy factories, with a trait per role or state."""

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from contacten.models import Gebruiker
from contacten.rollen import Rol

WACHTWOORD = "een-lang-testwachtwoord-42"


class GebruikerFactory(factory.django.DjangoModelFactory):
    """A verified resident; traits give each municipal role (``rol``) or a second factor."""

    class Meta:
        model = Gebruiker
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@example.test")
    weergavenaam = factory.Faker("name", locale="nl_NL")
    rol = Rol.BEWONER
    password = factory.django.Password(WACHTWOORD)

    class Params:
        wijkadviseur = factory.Trait(rol=Rol.WIJKADVISEUR)
        opbouwwerker = factory.Trait(rol=Rol.OPBOUWWERKER)
        wijkwethouder = factory.Trait(rol=Rol.WIJKWETHOUDER)
        collegelid = factory.Trait(rol=Rol.COLLEGELID)
        griffie = factory.Trait(rol=Rol.GRIFFIE)
        beheerder = factory.Trait(rol=Rol.BEHEERDER, is_staff=True, is_superuser=True)

    @factory.post_generation
    def geverifieerd(obj, create, extracted, **kwargs):
        """The email address is verified unless ``geverifieerd=False`` is passed."""
        if create:
            EmailAddress.objects.create(
                user=obj, email=obj.email, primary=True, verified=extracted is not False
            )

    @factory.post_generation
    def tweede_factor(obj, create, extracted, **kwargs):
        """``tweede_factor=True`` gives the person an active TOTP authenticator."""
        if create and extracted:
            Authenticator.objects.create(
                user=obj, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
            )
