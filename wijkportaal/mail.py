"""An email backend for the demo and development: print each email, and keep a copy.

The demo prints its emails in the terminal (Django's console backend). To confirm an
address from a script, a browser test or a second terminal, reading them back from a
terminal is fragile; with ``EMAIL_FILE_PATH`` set, each email is also written to that
folder as a ``.eml`` file of its own (one message per file, the standard format that
mail programs and Python's ``email`` package read).
"""

import secrets
from pathlib import Path

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.utils import timezone


class ConsoleAndFolderBackend(ConsoleEmailBackend):
    """Django's console backend that also writes every message to ``folder``."""

    def __init__(self, fail_silently=False, *, folder, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.folder = Path(folder).resolve()
        self.folder.mkdir(parents=True, exist_ok=True)

    def send_messages(self, email_messages):
        """Print the messages, then store each one as ``<time>-<random>.eml``."""
        count = super().send_messages(email_messages)
        for message in email_messages or ():
            # A sortable time first, so a reader can take them in the order they were
            # sent; the random part keeps two emails of the same microsecond apart.
            name = f"{timezone.now():%Y%m%dT%H%M%S%f}-{secrets.token_hex(4)}.eml"
            partial = self.folder / f".{name}.tmp"
            partial.write_bytes(message.message().as_bytes())
            # Renamed into place: a reader polling the folder never sees half a file.
            partial.replace(self.folder / name)
        return count
