"""Emails written as files a person can read: one file per message under var/mail/ (or wherever
the mailer's `file_path` says), named `<time>-<subject>.txt`.

Django's file backend writes each connection's messages as raw MIME into one log file: bodies in
quoted-printable or base64, long lines folded with "=" soft breaks, so a confirmation link copied
from it is cut in two. Here each message is its headers, a blank line and its plain text body as
it was written, in UTF-8, with no line folded. An HTML alternative or attachments are named after
the body, not written out.

Configured with Django 6.1's MAILERS:
    MAILERS = {"default": {"BACKEND": "groundswell.core.mail.ReadableFileBackend",
                           "OPTIONS": {"file_path": ...}}}
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.filebased import EmailBackend
from django.utils import timezone
from django.utils.text import slugify

SLUG_LENGTH = 60


def message_text(message: EmailMessage) -> str:
    """The message as a person reads it: headers, a blank line, the body."""
    headers = [
        ("From", message.from_email),
        ("To", ", ".join(message.to)),
        ("Cc", ", ".join(message.cc)),
        ("Reply-To", ", ".join(message.reply_to)),
        ("Subject", message.subject),
    ]
    headers += [(name, str(value)) for name, value in message.extra_headers.items()]
    lines = [f"{name}: {value}" for name, value in headers if value]
    lines.append(f"Date: {timezone.localtime().strftime('%a, %d %b %Y %H:%M:%S %z')}")
    body = str(message.body)
    notes = []
    alternatives = getattr(message, "alternatives", None)
    if isinstance(message, EmailMultiAlternatives) and alternatives:
        notes += [f"[Also sent as {alt.mimetype}, not written here]" for alt in alternatives]
    for attachment in message.attachments:
        name = getattr(attachment, "filename", None) or "attachment"
        notes.append(f"[Attachment: {name}]")
    text = "\n".join(lines) + "\n\n" + body.rstrip("\n") + "\n"
    if notes:
        text += "\n" + "\n".join(notes) + "\n"
    return text


class ReadableFileBackend(EmailBackend):
    """Django's file backend (same `file_path` option and checks), one readable file a message."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                self._write(message)
            except OSError:
                if not self.fail_silently:
                    raise
                continue
            sent += 1
        return sent

    def _write(self, message: EmailMessage) -> Path:
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S-%f")
        slug = slugify(str(message.subject))[:SLUG_LENGTH].strip("-") or "no-subject"
        folder = Path(self.file_path)
        data = message_text(message).encode("utf-8")
        for attempt in range(1000):
            suffix = f"-{attempt}" if attempt else ""
            path = folder / f"{stamp}-{slug}{suffix}.txt"
            try:
                # "x": never overwrite a message written in the same microsecond.
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
            except FileExistsError:
                continue
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            return path
        raise OSError(f"No free file name for {stamp}-{slug} in {folder}")

    def open(self) -> bool:
        return False

    def close(self) -> None:
        return None

    def write_message(self, message: Any) -> None:  # pragma: no cover - not used: see _write
        self._write(message)
