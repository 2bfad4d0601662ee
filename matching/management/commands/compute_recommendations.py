"""Recompute the stored recommendations of every seeker, as the nightly task does."""

from django.core.management.base import BaseCommand

from matching import batch


class Command(BaseCommand):
    help = (
        "Recompute and store each seeker's best offers with their explanations. "
        "--profile limits the run to the given seeker profile ids."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--profile", type=int, action="append", help="Seeker profile id (repeatable)."
        )

    def handle(self, *args, profile=None, **options):
        written = batch.compute_recommendations(profile)
        self.stdout.write(self.style.SUCCESS(f"{written} recommendations stored."))
