import csv
import gzip
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from referential.loading import DATA_DIR, TABLES, ReferenceDataError, load_reference_data
from referential.models import Region

pytestmark = pytest.mark.django_db


def test_dry_run_on_empty_database_writes_nothing():
    reports = load_reference_data(apply=False)

    for report in reports:
        assert report.created > 0, report.label
    for table in TABLES:
        assert not table.model.objects.exists(), table.label


def test_command_is_dry_run_by_default():
    output = StringIO()

    call_command("load_reference_data", stdout=output)

    assert "Dry run: nothing was written. Run with --apply to load." in output.getvalue()
    assert "referential.Commune" in output.getvalue()
    for table in TABLES:
        assert not table.model.objects.exists(), table.label


def test_missing_file_is_an_error(tmp_path):
    with pytest.raises(ReferenceDataError, match="Reference data file not found: .*regions.csv"):
        load_reference_data(tmp_path, apply=True)


def test_command_reports_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Reference data file not found: .*Check --data-dir"):
        call_command("load_reference_data", "--apply", "--data-dir", str(tmp_path))


@pytest.mark.parametrize("apply", [False, True])
def test_unknown_foreign_key_is_an_error(tmp_path, apply):
    for path in DATA_DIR.glob("*.csv*"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    (tmp_path / "cercles.csv").write_text("code,region,name,code_2015\nML9901,ML99,Nulle part,\n")

    with pytest.raises(ReferenceDataError, match="cercles.csv: region 'ML99' not found"):
        load_reference_data(tmp_path, apply=apply)

    assert not Region.objects.exists()


def test_shipped_files_have_every_column():
    for table in TABLES:
        opener = gzip.open if table.file_name.endswith(".gz") else open
        with opener(DATA_DIR / table.file_name, "rt", encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))

        assert set(table.fields) <= set(header), table.file_name
