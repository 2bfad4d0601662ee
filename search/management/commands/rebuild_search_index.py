"""Rebuild the search index from the database without downtime."""

from django.core.management.base import BaseCommand

from search import indexing


class Command(BaseCommand):
    help = (
        "Build a new search index from the live pages, move the alias onto it in one step and "
        "drop the old index; also rewrites the database copy."
    )

    def handle(self, *args, **options):
        width = 30

        def progress(done: int, total: int) -> None:
            filled = width * done // total if total else width
            self.stdout.write(
                "\r[{}{}] {}/{}".format("#" * filled, "." * (width - filled), done, total),
                ending="",
            )
            self.stdout.flush()

        name = indexing.rebuild(progress=progress)
        self.stdout.write("")
        if name:
            self.stdout.write(self.style.SUCCESS(f"Index {name} is now behind the alias."))
        else:
            self.stdout.write(self.style.SUCCESS("Database search entries rebuilt."))
