"""Train the matching ranker on the platform's applications."""

from django.core.management.base import BaseCommand, CommandError

from matching import batch
from matching.ranker import NotEnoughInteractions


class Command(BaseCommand):
    help = (
        "Train the learned ranker on applications (positives) and stored, ignored "
        "recommendations (negatives). A dry run unless --apply stores the new model version."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Store the trained model.")

    def handle(self, *args, apply=False, **options):
        try:
            summary = batch.train_from_database(apply=apply)
        except NotEnoughInteractions as error:
            raise CommandError(f"Not trained: {error}. Content-only scores stay in use.") from error
        self.stdout.write(
            "Trained on {pairs} pairs ({positives} positives) from {seekers} seekers.".format(
                **summary
            )
        )
        if apply:
            self.stdout.write(self.style.SUCCESS(f"Stored as version {summary['version']}."))
        else:
            self.stdout.write("Dry run: nothing stored. Add --apply to store the model.")
