import logging

from jobcluster.logging import StructuredFormatter


def make_record(message, *args, **extra):
    record = logging.LogRecord(
        "organisations.services", logging.INFO, __file__, 1, message, args, None
    )
    record.__dict__.update(extra)
    return record


def test_formatter_one_line_with_pairs():
    line = StructuredFormatter().format(
        make_record("organisation verified organisation=%s", 12, actor=3)
    )

    assert "\n" not in line
    assert "level=info" in line
    assert "logger=organisations.services" in line
    assert 'event="organisation verified organisation=12"' in line
    assert line.endswith("actor=3")


def test_formatter_escapes_newlines_and_quotes():
    line = StructuredFormatter().format(make_record('bad "value"\nsecond line'))

    assert "\n" not in line
    assert 'event="bad \\"value\\"\\nsecond line"' in line


def test_formatter_keeps_traceback_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record = make_record("failed")
        record.exc_info = sys.exc_info()

    line = StructuredFormatter().format(record)

    assert "\n" not in line
    assert "ValueError: boom" in line
