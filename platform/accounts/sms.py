"""
Sending SMS through a pluggable backend, in the manner of `django.core.mail`.

`settings.SMS_BACKEND` names the backend class by dotted path. Code sends with `send_sms(to, body)`
or, for several messages over one connection, `get_connection().send_messages([...])`.
Recipients are E.164 numbers (see `accounts.phone`).

Backends shipped here:

- `ConsoleBackend` prints each message on standard output (development).
- `FileBackend` writes one file per message under `settings.SMS_FILE_PATH`.
- `LocmemBackend` appends to the module-level `outbox` list (tests).

A real gateway plugs in as a subclass of `BaseSmsBackend` that implements `send_messages()`.
For an HTTP SMS provider, open one HTTP session in `open()`. In `send_messages()`, POST each
message's `to` and `body` to the provider's API and return how many the provider accepted.
Close the session in `close()`. Read credentials from settings filled by environment variables,
never from code. Raise `SmsSendError` on failure unless `fail_silently` is set. Then point
the `SMS_BACKEND` environment variable at the class, e.g. `myproject.sms.ProviderBackend`.
"""

from __future__ import annotations

import logging
import sys
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages sent through LocmemBackend, oldest first. Tests read and clear this list.
outbox: list[SmsMessage] = []


class SmsSendError(Exception):
    """Raised by a backend when a message could not be handed to the gateway."""


@dataclass(frozen=True)
class SmsMessage:
    """One text message: the E.164 recipient and the text."""

    to: str
    body: str


class BaseSmsBackend:
    """The interface every SMS backend implements.

    Subclasses implement `send_messages()`, and may override `open()` and `close()` to manage
    a connection that several messages share. A backend is also a context manager that opens
    and closes that connection.
    """

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def open(self) -> None:
        """Open a connection to the gateway, if the backend uses one."""

    def close(self) -> None:
        """Close the connection opened by `open()`."""

    def __enter__(self) -> BaseSmsBackend:
        self.open()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def send_messages(self, messages: list[SmsMessage]) -> int:
        """Send `messages` and return how many were sent."""
        raise NotImplementedError("SMS backends must implement send_messages().")


class ConsoleBackend(BaseSmsBackend):
    """Print each message on a stream, standard output by default."""

    def __init__(self, *args: Any, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stream = stream

    def send_messages(self, messages: list[SmsMessage]) -> int:
        stream = self.stream or sys.stdout
        for message in messages:
            stream.write(f"SMS to: {message.to}\n{message.body}\n{'-' * 40}\n")
        stream.flush()
        return len(messages)


class FileBackend(BaseSmsBackend):
    """Write each message to its own file in `settings.SMS_FILE_PATH`, or in `file_path`."""

    def __init__(self, *args: Any, file_path: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file_path = Path(file_path or settings.SMS_FILE_PATH)

    def send_messages(self, messages: list[SmsMessage]) -> int:
        self.file_path.mkdir(parents=True, exist_ok=True)
        for message in messages:
            timestamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
            path = self.file_path / f"{timestamp}-{uuid.uuid4().hex}.txt"
            path.write_text(f"To: {message.to}\n\n{message.body}\n", encoding="utf-8")
        return len(messages)


class LocmemBackend(BaseSmsBackend):
    """Keep messages in `accounts.sms.outbox` instead of sending them."""

    def send_messages(self, messages: list[SmsMessage]) -> int:
        outbox.extend(messages)
        return len(messages)


def get_connection(
    backend: str | None = None, fail_silently: bool = False, **kwargs: Any
) -> BaseSmsBackend:
    """Return an instance of `backend`, or of `settings.SMS_BACKEND` when it is not given."""
    backend_class = import_string(backend or settings.SMS_BACKEND)
    return backend_class(fail_silently=fail_silently, **kwargs)


def send_sms(
    to: str,
    body: str,
    fail_silently: bool = False,
    connection: BaseSmsBackend | None = None,
) -> int:
    """Send one message to the E.164 number `to` and return the number of messages sent (0 or 1)."""
    connection = connection or get_connection(fail_silently=fail_silently)
    with connection:
        sent = connection.send_messages([SmsMessage(to=to, body=str(body))])
    logger.info("sms sent count=%s backend=%s", sent, type(connection).__name__)
    return sent
