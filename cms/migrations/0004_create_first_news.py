"""Create the news index and the forum's first news item: the opening of its 1st edition.

Running it again changes nothing once a news index exists. Reversing it deletes both pages.
"""

import datetime
import importlib

from django.db import migrations
from django.utils import timezone

N = "\u00a0"  # French typography puts a no-break space before : ; ? ! and inside « ».

NEWS_TITLE = "Ouverture de la 1re édition du forum «\u00a0ONG et création d’emplois\u00a0»"
NEWS_DATE = datetime.date(2025, 6, 19)
NEWS_INTRO = (
    "Le 19 juin 2025, le Centre international de conférences de Bamako a accueilli l’ouverture "
    f"de la première édition du forum «{N}ONG et création d’emplois{N}»."
)
NEWS_BODY = (
    "<p>Pour cette première édition, les organisations non gouvernementales présentes au Mali, "
    "les services de l’État et leurs partenaires se sont réunis au Centre international de "
    "conférences de Bamako. Leur question commune : comment mesurer et faire connaître les "
    "emplois et les formations que les ONG offrent aux jeunes du pays.</p>"
    "<p>Le forum a présenté les premiers chiffres rassemblés auprès des ONG participantes, "
    "avant des échanges sur l’insertion des jeunes, les activités génératrices de revenus et "
    "la formation aux métiers de l’agriculture, de l’élevage et de l’environnement.</p>"
    "<p>Job Cluster prolonge ce travail : les ONG y publient leurs offres et leurs formations, "
    "les jeunes y postulent, et l’Observatoire national de l’emploi et de la formation y suit "
    "les emplois créés.</p>"
)


def create_first_news(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("cms", "HomePage")
    NewsIndexPage = apps.get_model("cms", "NewsIndexPage")
    NewsPage = apps.get_model("cms", "NewsPage")

    home = HomePage.objects.order_by("path").first()
    if home is None or NewsIndexPage.objects.exists():
        return
    tree = importlib.import_module("cms.migrations.0002_create_home_page")
    now = timezone.now()

    # The news index, as the home page's last child.
    index_type, _ = ContentType.objects.get_or_create(app_label="cms", model="newsindexpage")
    index = NewsIndexPage.objects.create(
        title="Actualités",
        draft_title="Actualités",
        slug="actualites",
        content_type=index_type,
        path=tree.next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=1,
        url_path=f"{home.url_path}actualites/",
        locale_id=home.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
    )

    # The first news item under it.
    news_type, _ = ContentType.objects.get_or_create(app_label="cms", model="newspage")
    slug = "ouverture-premiere-edition-forum"
    opened_at = datetime.datetime(2025, 6, 19, 9, 0, tzinfo=datetime.UTC)
    NewsPage.objects.create(
        title=NEWS_TITLE,
        draft_title=NEWS_TITLE,
        slug=slug,
        content_type=news_type,
        path=tree.next_child_path(Page, index),
        depth=index.depth + 1,
        numchild=0,
        url_path=f"{index.url_path}{slug}/",
        locale_id=home.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=opened_at,
        last_published_at=opened_at,
        date=NEWS_DATE,
        intro=NEWS_INTRO,
        body=NEWS_BODY,
    )

    home.numchild = Page.objects.filter(depth=home.depth + 1, path__startswith=home.path).count()
    home.save(update_fields=["numchild"])


def delete_first_news(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    NewsIndexPage = apps.get_model("cms", "NewsIndexPage")
    HomePage = apps.get_model("cms", "HomePage")

    for index in NewsIndexPage.objects.all():
        Page.objects.filter(path__startswith=index.path, depth__gt=index.depth).delete()
        index.delete()
    for home in HomePage.objects.all():
        home.numchild = Page.objects.filter(depth=home.depth + 1, path__startswith=home.path).count()
        home.save(update_fields=["numchild"])


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0003_opportunity_pages_and_news"),
    ]

    operations = [
        migrations.RunPython(create_first_news, delete_first_news),
    ]
