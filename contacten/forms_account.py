"""allauth's account forms where the portal needs a little more than allauth gives.

A module of its own: allauth imports ``contacten.forms`` (the sign-up form class) while
it loads its own forms, so importing allauth's forms there would be circular.
"""

from allauth.account.forms import AddEmailForm, LoginForm


class EmailToevoegenForm(AddEmailForm):
    """Adding an email address to one's account: the browser may offer the person's own
    address (WCAG 1.3.5), as it does on the sign-up and password reset forms."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class InlogForm(LoginForm):
    """allauth's sign-in form without the "Forgot your password?" link in the password
    field's help text: the sign-in page shows that link once, under the form."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
