"""allauth's texts that the portal words differently in Dutch.

allauth's Dutch catalogue says "aanmelden" and "afmelden" for signing in and out; the
portal uses those words for signing up and for unsubscribing, and says "inloggen" and
"uitloggen" in its header. Marking allauth's msgids here puts them in the portal's own
catalogue (which takes precedence over allauth's), where they are translated with the
portal's words. Nothing imports this module: it exists for makemessages.
"""

from django.utils.translation import gettext_noop

WOORDEN = [
    gettext_noop("Sign Out"),
    gettext_noop("Are you sure you want to sign out?"),
    gettext_noop("You have signed out."),
    gettext_noop("Signed out of all other sessions."),
    gettext_noop("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_noop("Enter Sign-In Code"),
    gettext_noop("Sign-In Code"),
    gettext_noop("A sign-in code has been sent to %(recipient)s."),
    gettext_noop("Other sign-in options"),
]
