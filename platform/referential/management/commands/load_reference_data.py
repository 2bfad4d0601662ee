from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from referential.loading import DATA_DIR, ReferenceDataError, load_reference_data


class Command(BaseCommand):
    help = (
        "Load Mali's administrative divisions, the sectors and the ROME occupation and skill "
        "taxonomy from the shipped files. Rows are matched on their codes, so running it again "
        "changes only what the files changed. Without --apply it is a dry run: it prints what "
        "would change and writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply",
            action="store_true",
            help="write the changes to the database (default: dry run, nothing is written)",
        )
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=DATA_DIR,
            help="folder of the reference-data files (default: %(default)s)",
        )

    def handle(self, *args, apply: bool, data_dir: Path, **options):
        try:
            reports = load_reference_data(data_dir, apply=apply)
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error

        header = f"{'table':<34}{'created':>9}{'updated':>9}{'unchanged':>11}{'deleted':>9}"
        self.stdout.write(header)
        for report in reports:
            line = (
                f"{report.label:<34}{report.created:>9}{report.updated:>9}"
                f"{report.unchanged:>11}{report.deleted:>9}"
            )
            if report.missing_from_file:
                line += f"  ({report.missing_from_file} rows no longer in the file, kept)"
            self.stdout.write(line)
        if apply:
            self.stdout.write(self.style.SUCCESS("Reference data loaded."))
        else:
            self.stdout.write(
                self.style.WARNING("Dry run: nothing was written. Run with --apply to load.")
            )
