"""``manage.py herinneringen``, extended: besides the ward advisors' reminders of
``initiatieven`` it reminds the asker of each question whose promised feedback is overdue
(once per question).

This app is listed above ``initiatieven`` in INSTALLED_APPS, so Django runs this command
under the same name; the lower app cannot import this one, so the extension lives here.
"""

from django.utils.translation import gettext as _

from initiatieven.management.commands.herinneringen import Command as Herinneringen
from meedenken.services import terugkoppeling_herinneren


class Command(Herinneringen):
    help = Herinneringen.help + " " + "Remind askers of overdue feedback on questions."

    def handle(self, *args, **options):
        super().handle(*args, **options)
        aantal = terugkoppeling_herinneren()
        self.stdout.write(
            _("%(aantal)d reminder(s) of overdue feedback sent.") % {"aantal": aantal}
        )
