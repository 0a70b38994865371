"""Delete audit log entries older than one year, as the privacy statement promises.

Run once a day (cron or a scheduled task): ``manage.py audit_opschonen``. This is the
only way an audit log entry is ever deleted.
"""

from django.core.management.base import BaseCommand

from contacten.audit import opschonen


class Command(BaseCommand):
    help = "Delete audit log entries past the one-year retention period."

    def handle(self, *args, **options):
        aantal = opschonen()
        self.stdout.write(f"{aantal} audit log entries deleted.")
