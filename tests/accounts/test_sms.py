import io
import logging
from pathlib import Path

import pytest

from accounts import sms


def test_send_sms_uses_setting(sms_outbox, caplog):
    caplog.set_level(logging.INFO, logger="accounts.sms")

    sent = sms.send_sms("+22370123456", "Bonjour")

    assert sent == 1
    assert sms_outbox == [sms.SmsMessage(to="+22370123456", body="Bonjour")]
    assert [r.getMessage() for r in caplog.records] == ["sms sent count=1 backend=LocmemBackend"]


def test_get_connection_named_backend():
    connection = sms.get_connection("accounts.sms.ConsoleBackend", fail_silently=True)

    assert isinstance(connection, sms.ConsoleBackend)
    assert connection.fail_silently


def test_console_backend_prints():
    stream = io.StringIO()
    connection = sms.ConsoleBackend(stream=stream)

    sent = connection.send_messages([sms.SmsMessage(to="+22370123456", body="Code 123456")])

    assert sent == 1
    assert stream.getvalue().startswith("SMS to: +22370123456\nCode 123456\n")


def test_console_backend_default_stdout(capsys):
    sms.send_sms("+22370123456", "Bonjour", connection=sms.ConsoleBackend())

    assert "SMS to: +22370123456\nBonjour\n" in capsys.readouterr().out


def test_file_backend_one_file_each(settings, tmp_path):
    settings.SMS_FILE_PATH = str(tmp_path / "sms")
    messages = [
        sms.SmsMessage(to="+22370123456", body="Premier"),
        sms.SmsMessage(to="+22376123456", body="Second"),
    ]

    sent = sms.FileBackend().send_messages(messages)

    assert sent == 2
    contents = sorted(
        path.read_text(encoding="utf-8") for path in Path(settings.SMS_FILE_PATH).iterdir()
    )
    assert contents == ["To: +22370123456\n\nPremier\n", "To: +22376123456\n\nSecond\n"]


def test_base_backend_is_abstract():
    with pytest.raises(NotImplementedError):
        sms.BaseSmsBackend().send_messages([])
