"""
Measure the weight of the seeker's profile page /mon-profil/ with the typed skill rows against the
plain select of every skill that each row used to render, in one run.

Uses a throwaway SQLite database (or --database-url), loads the shipped reference data (over
33,000 skills) unless the database already holds skills, creates a seeker with five skills, and
fetches the page as that seeker through Django's test client. It then fetches the page again with
the skill rows built as before, a ModelChoiceField over the whole taxonomy, and prints the HTML
sizes, raw and gzipped, the rendering times and the ratio.

    .venv/bin/python bench/bench_seeker_profile_weight.py
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
SKILL_COUNT = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[1])
    parser.add_argument(
        "--database-url",
        default="",
        help="Database to use instead of a throwaway SQLite file; reference data is kept.",
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


def fetch_profile(client) -> tuple[bytes, float]:
    """Return the HTML of /mon-profil/ and the seconds it took."""
    start = time.perf_counter()
    response = client.get("/mon-profil/")
    elapsed = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return response.content, elapsed


def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory() as directory:
        setup_django(args.database_url or f"sqlite:///{directory}/bench.sqlite3")
        from django.db import connection
        from django.forms import inlineformset_factory
        from django.test import Client

        from referential.loading import load_reference_data
        from referential.models import Skill
        from seekers import views
        from seekers.choices import SkillLevel
        from seekers.models import SeekerProfile, SeekerSkill
        from tests.seekers.factories import SeekerProfileFactory

        if not Skill.objects.exists():
            start = time.perf_counter()
            load_reference_data(apply=True)
            print(f"reference data loaded in {time.perf_counter() - start:.1f} s")
        print(f"database: {connection.vendor}, {Skill.objects.count():,} skills")

        profile = SeekerProfileFactory()
        for skill in Skill.objects.order_by("pk")[:SKILL_COUNT]:
            SeekerSkill.objects.create(profile=profile, skill=skill, level=SkillLevel.ADVANCED)
        client = Client()
        client.force_login(profile.user)

        typed, typed_seconds = fetch_profile(client)
        # The baseline: the skill rows as the plain ModelForm built them, one select per row.
        select_formset = inlineformset_factory(
            SeekerProfile, SeekerSkill, fields=["skill", "level"], extra=1, can_delete=True
        )
        formsets = views.FORMSETS
        views.FORMSETS = [("skills", select_formset, formsets[0][2]), *formsets[1:]]
        try:
            select, select_seconds = fetch_profile(client)
        finally:
            views.FORMSETS = formsets
        profile.user.delete()

        print(f"/mon-profil/ for a seeker with {SKILL_COUNT} skills ({SKILL_COUNT + 1} rows)")
        print(f"{'':<14}{'HTML KB':>10}{'gzip KB':>10}{'render s':>10}")
        for label, html, seconds in (
            ("select rows", select, select_seconds),
            ("typed rows", typed, typed_seconds),
        ):
            print(
                f"{label:<14}{len(html) / 1024:>10.1f}{len(gzip.compress(html)) / 1024:>10.1f}"
                f"{seconds:>10.2f}"
            )
        print(f"ratio select / typed (HTML bytes): {len(select) / len(typed):.0f}x")


if __name__ == "__main__":
    main()
