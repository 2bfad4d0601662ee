"""Create the French home page as the site root, in place of Wagtail's default welcome page.

Running it again changes nothing once a HomePage exists. Reversing it turns the home page back
into a plain Wagtail page, so the page tree, the default site and any child pages survive.
"""

from django.db import migrations
from django.utils import timezone

# treebeard's materialised path: each level adds 4 base-36 digits.
PATH_STEP = 4
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

N = "\u00a0"  # French typography puts a no-break space before : ; ? ! % and inside « ».

HEADING = "Les emplois et les formations créés par les ONG au Mali"
INTRO = (
    "<p>Job Cluster réunit les offres d’emploi, de stage et de formation des organisations non "
    "gouvernementales actives au Mali. Les jeunes y trouvent une offre et postulent, les ONG "
    "publient et recrutent, et l’Observatoire national de l’emploi et de la formation (ONEF) "
    "suit les emplois créés.</p>"
)
FIGURES_HEADING = "Les ONG et l’emploi en chiffres"
FIGURES_SOURCE = f"Forum «{N}ONG et création d’emplois{N}», 2024"

# (number, at_least, label, note), in display order.
FIGURES = [
    (65, True, "ONG engagées dans le forum", ""),
    (3998, False, "salariés en activité dans ces ONG", f"dont 95{N}% de nationaux"),
    (4242, False, "jeunes formés à l’insertion socioprofessionnelle", ""),
    (66601, False, "personnes accompagnées dans des activités génératrices de revenus", ""),
    (47089, False, "personnes formées aux techniques agricoles", ""),
    (11590, False, "personnes formées à l’élevage", ""),
    (32766, False, "personnes formées à la protection de l’environnement", ""),
    (8538, False, "agents de santé formés", ""),
    (3242, False, "enseignants formés", ""),
]


def encode_path_step(number):
    digits = ""
    while True:
        number, remainder = divmod(number, len(PATH_ALPHABET))
        digits = PATH_ALPHABET[remainder] + digits
        if number == 0:
            return digits.rjust(PATH_STEP, "0")


def next_child_path(Page, parent):
    last_child = (
        Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
        .order_by("-path")
        .first()
    )
    if last_child is None:
        return parent.path + encode_path_step(1)
    last_step = int(last_child.path[-PATH_STEP:], len(PATH_ALPHABET))
    return parent.path + encode_path_step(last_step + 1)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    HomePageFigure = apps.get_model("cms", "HomePageFigure")

    if HomePage.objects.exists():
        return

    # Wagtail's 0002_initial_data migration creates the tree root.
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return

    # Create the home page as the last child of the root.
    home_page_type, _ = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    now = timezone.now()
    home = HomePage.objects.create(
        title="Accueil",
        draft_title="Accueil",
        slug="accueil",
        content_type=home_page_type,
        path=next_child_path(Page, root),
        depth=root.depth + 1,
        numchild=0,
        url_path=f"{root.url_path}accueil/",
        locale_id=root.locale_id,
        live=True,
        has_unpublished_changes=False,
        first_published_at=now,
        last_published_at=now,
        heading=HEADING,
        intro=INTRO,
        figures_heading=FIGURES_HEADING,
        figures_source=FIGURES_SOURCE,
    )
    HomePageFigure.objects.bulk_create(
        HomePageFigure(page=home, sort_order=order, number=number, at_least=at_least, label=label, note=note)
        for order, (number, at_least, label, note) in enumerate(FIGURES)
    )

    # Point the default site at it, creating the site if Wagtail's one was removed.
    default_site = Site.objects.filter(is_default_site=True).first()
    if default_site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
        previous_root = None
    else:
        previous_root = Page.objects.get(pk=default_site.root_page_id)
        Site.objects.filter(root_page=previous_root).update(root_page=home)

    # Drop the page it replaces only when it is an empty plain page, such as Wagtail's welcome
    # page. Sites are moved first because deleting a site's root page deletes the site.
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    if (
        previous_root is not None
        and previous_root.content_type_id == page_type.pk
        and previous_root.depth == root.depth + 1
        and previous_root.numchild == 0
    ):
        previous_root.delete()

    root.numchild = Page.objects.filter(depth=root.depth + 1, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])


def convert_home_page_to_plain_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("cms", "HomePage")

    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for home in HomePage.objects.all():
        page_id = home.pk
        home.delete(keep_parents=True)
        Page.objects.filter(pk=page_id).update(content_type=page_type)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(create_home_page, convert_home_page_to_plain_page),
    ]
