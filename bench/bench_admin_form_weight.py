"""
Measure the weight of the admin's training and offer forms with the skills chooser against the
plain select that listed every skill, in one run.

Builds a throwaway SQLite database (or uses --database-url, which must be empty), loads the
shipped reference data (over 33,000 skills), creates a verified organisation with one member,
and fetches the "add a training" and "add an offer" pages as that member through Django's test
client. It then fetches the same pages with the chooser widget rendering every option of its
field, as the plain select did, and prints the HTML sizes, raw and gzipped, and their ratio.

    .venv/bin/python bench/bench_admin_form_weight.py
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "--database-url",
        default="",
        help="Empty database to fill instead of a throwaway SQLite file.",
    )
    return parser.parse_args()


def setup_django(database_url: str) -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcluster.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    # Lets the test client's "testserver" host through ALLOWED_HOSTS.
    setup_test_environment()

    call_command("migrate", verbosity=0)


def fetch_forms(client, organisation_page) -> dict[str, bytes]:
    """Return the HTML of the add forms of a training and an offer under `organisation_page`."""
    pages = {}
    for model in ("trainingpage", "offerpage"):
        response = client.get(f"/admin/pages/add/cms/{model}/{organisation_page.pk}/")
        assert response.status_code == 200, (model, response.status_code)
        pages[model] = response.content
    return pages


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(args.database_url or f"sqlite:///{directory}/bench.sqlite3")
        from django import forms
        from django.contrib.staticfiles import finders
        from django.db import connection
        from django.test import Client

        from cms.services import ensure_organisation_page
        from cms.widgets import SkillChooserWidget
        from referential.loading import load_reference_data
        from referential.models import Skill
        from tests.organisations.factories import MembershipFactory, OrganisationFactory

        start = time.perf_counter()
        load_reference_data(apply=True)
        print(
            f"database: {connection.vendor}, {Skill.objects.count():,} skills loaded "
            f"in {time.perf_counter() - start:.1f} s"
        )

        organisation = OrganisationFactory(verified=True)
        page = ensure_organisation_page(organisation)
        client = Client()
        client.force_login(MembershipFactory(organisation=organisation).user)

        chooser = fetch_forms(client, page)
        chooser_optgroups = SkillChooserWidget.optgroups
        # The baseline: the widget lists every option of its field, as Django's select does.
        SkillChooserWidget.optgroups = forms.SelectMultiple.optgroups
        try:
            select = fetch_forms(client, page)
        finally:
            SkillChooserWidget.optgroups = chooser_optgroups

        print(
            f"{'page':<14}{'select KB':>11}{'chooser KB':>12}{'gzip select':>13}"
            f"{'gzip chooser':>14}{'ratio':>8}"
        )
        for model in chooser:
            before, after = select[model], chooser[model]
            print(
                f"{model:<14}{len(before) / 1024:>11.1f}{len(after) / 1024:>12.1f}"
                f"{len(gzip.compress(before)) / 1024:>13.1f}"
                f"{len(gzip.compress(after)) / 1024:>14.1f}"
                f"{len(before) / len(after):>7.1f}x"
            )
        assets = [finders.find(path) for path in SkillChooserWidget.Media.js]
        assets += [finders.find(path) for path in SkillChooserWidget.Media.css["all"]]
        extra = sum(Path(path).stat().st_size for path in assets)
        print(f"chooser script and style, fetched once and cached: {extra / 1024:.1f} KB")


if __name__ == "__main__":
    main()
