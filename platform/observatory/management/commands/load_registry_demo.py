"""Load validated 2023 and 2024 demo declarations; a dry run unless --apply is given."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobcluster.management.commands.seed_demo import Command as SeedDemoCommand
from observatory import demo


class Command(BaseCommand):
    help = (
        "Create validated 2023 and 2024 declarations for 70 NGOs of OCHA Mali's 3W list, whose "
        "2024 totals are the forum's published figures; the split between organisations and "
        "regions is illustrative. Shows what it would do unless --apply is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--apply", action="store_true", help="Write the declarations instead of a dry run."
        )

    def handle(self, *args, **options):
        apply = options["apply"]
        with transaction.atomic():
            SeedDemoCommand().load_organisations()
            organisations = demo.demo_organisations()
            if len(organisations) < demo.ORGANISATION_COUNT:
                raise CommandError(
                    f"Only {len(organisations)} demo organisations were found; "
                    f"{demo.ORGANISATION_COUNT} are needed."
                )
            planned = demo.plan(organisations)

            existing = demo.existing_count(organisations)
            if existing == len(planned):
                self.stdout.write("The registry demo is already loaded: nothing to do.")
                transaction.set_rollback(not apply)
                return
            if existing:
                raise CommandError(
                    f"{existing} of the {len(planned)} demo declarations already exist; delete "
                    "them or load the demo into an empty database."
                )

            count = demo.save(planned)
            transaction.set_rollback(not apply)

        staff = sum(item.totals().staff_total for item in planned if item.year == 2024)
        verb = "Created" if apply else "Would create"
        self.stdout.write(
            f"{verb} {count} validated declarations for {len(organisations)} organisations "
            f"(2024 staff at year end: {staff})."
        )
        if not apply:
            self.stdout.write("Dry run: nothing was written. Run again with --apply to write.")
