"""Evaluate the recommender offline on generated data, against baselines, and print the table."""

from django.conf import settings
from django.core.management.base import BaseCommand

from matching import evaluation, generator


class Command(BaseCommand):
    help = (
        "Generate seekers, offers and interactions by the documented rules of "
        "matching.generator, split them in time, and print Recall@10, nDCG@10, MRR, coverage "
        "and reciprocity of the learned ranker and the baselines. Reads no database table."
    )

    def add_arguments(self, parser):
        parser.add_argument("--offers", type=int, default=2000, help="Offers to generate.")
        parser.add_argument("--seekers", type=int, default=3000, help="Seekers to generate.")
        parser.add_argument("--days", type=int, default=120, help="Days of simulated activity.")
        parser.add_argument(
            "--split-day", type=int, default=90, help="First day of the test period (from 0)."
        )
        parser.add_argument("--seed", type=int, default=0, help="Seed of the generator.")
        parser.add_argument(
            "--elasticsearch-url",
            default=None,
            help="Elasticsearch node for the more-like-this baseline; default ELASTICSEARCH_URL. "
            "An empty value, or no URL at all, leaves the baseline out.",
        )

    def handle(self, *args, **options):
        es_url = options["elasticsearch_url"]
        if es_url is None:
            es_url = settings.ELASTICSEARCH_URL or None
        if not 0 < options["split_day"] < options["days"]:
            self.stderr.write("--split-day must lie between 1 and --days - 1.")
            return
        taxonomy = generator.load_taxonomy()
        world = generator.generate(
            taxonomy,
            offers=options["offers"],
            seekers=options["seekers"],
            days=options["days"],
            seed=options["seed"],
        )
        applied = sum(1 for i in world.interactions if i.grade >= 1)
        self.stdout.write(
            f"Generated {len(world.offers)} offers, {len(world.seekers)} seekers, "
            f"{len(world.interactions)} impressions of which {applied} applications "
            f"(seed {options['seed']})."
        )
        if not es_url:
            self.stdout.write("No Elasticsearch URL: the more-like-this baseline is left out.")
        results = evaluation.evaluate(world, generator.FIRST_DAY + options["split_day"], es_url)
        split = evaluation.temporal_split(world, generator.FIRST_DAY + options["split_day"])
        self.stdout.write(
            f"Test period from day {options['split_day']}: {len(split.seekers)} seekers with "
            f"applications, {len(split.candidates)} candidate offers."
        )
        self.stdout.write(evaluation.format_table(results))
