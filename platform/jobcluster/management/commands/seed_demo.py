"""Fill a development database with the demo: real NGOs from OCHA's 3W and one account per role."""

import csv
import logging
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.sites.models import Site as DjangoSite
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site as WagtailSite

from accounts.models import User
from accounts.roles import Role
from cms.services import ensure_organisation_page
from organisations.choices import Region, Sector
from organisations.models import Membership, Organisation

logger = logging.getLogger(__name__)

ORGANISATIONS_CSV = (
    Path(__file__).resolve().parents[3]
    / "organisations"
    / "data"
    / "ocha_mali_3w_2023_organisations.csv"
)
DEMO_PASSWORD = "Demo-JobCluster-2025"

# OCHA 3W cluster names onto the platform's sectors.
CLUSTER_SECTORS = {
    "sante": Sector.HEALTH,
    "nutrition": Sector.NUTRITION,
    "education": Sector.EDUCATION,
    "eha": Sector.WASH,
    "securite alimentaire": Sector.FOOD_SECURITY,
    "protection": Sector.PROTECTION,
    "abris": Sector.SHELTER,
}
ORGANISATION_KINDS = {
    "ONG Int": Organisation.Kind.INTERNATIONAL,
    "ONG Nat": Organisation.Kind.NATIONAL,
}

# (e-mail, phone, first name, platform role, organisation acronym and membership role)
DEMO_ACCOUNTS = [
    ("demandeur@demo.jobcluster.ml", "+22370000001", "Aminata", "", None),
    ("ong-admin@demo.jobcluster.ml", "+22370000002", "Moussa", "", ("AAPPOR Mali", "admin")),
    ("ong-membre@demo.jobcluster.ml", None, "Fatoumata", "", ("AAPPOR Mali", "member")),
    ("editeur@demo.jobcluster.ml", None, "Oumar", User.PlatformRole.EDITOR, None),
    ("analyste@demo.jobcluster.ml", None, "Mariam", User.PlatformRole.ANALYST, None),
]
SUPERUSER_EMAIL = "admin@demo.jobcluster.ml"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


REGIONS_BY_NAME = {fold(label): code for code, label in Region.choices}


class Command(BaseCommand):
    help = (
        "Load the demo into a development database: the NGOs of OCHA Mali's 3W (December 2023) "
        "as verified organisations, and one account per role. Safe to run again."
    )

    def handle(self, *args, **options):
        if not settings.JOBCLUSTER_DEMO:
            raise CommandError(
                "seed_demo only runs with the dev or demo settings "
                "(DJANGO_SETTINGS_MODULE=jobcluster.settings.demo): it creates known passwords."
            )

        with transaction.atomic():
            organisations = self.load_organisations()
            accounts = self.create_accounts()
            self.create_organisation_pages()
            self.set_site_address()

        logger.info("demo seeded organisations=%s accounts=%s", organisations, len(accounts))
        self.stdout.write(f"{organisations} organisations from OCHA Mali's 3W (December 2023).")
        self.stdout.write(f"Demo accounts, all with the password {DEMO_PASSWORD}:")
        for email, description in accounts:
            self.stdout.write(f"  {email:34} {description}")
        self.stdout.write(
            "Editors, analysts and the superuser set up TOTP (an authenticator app) at first login."
        )

    def load_organisations(self) -> int:
        count = 0
        with ORGANISATIONS_CSV.open(encoding="utf-8") as source:
            for row in csv.DictReader(source):
                kind = ORGANISATION_KINDS.get(row["org_type"])
                if kind is None:
                    continue
                sectors = sorted(
                    {
                        CLUSTER_SECTORS[fold(cluster)]
                        for cluster in row["clusters"].split(";")
                        if fold(cluster) in CLUSTER_SECTORS
                    }
                )
                regions = sorted(
                    {
                        REGIONS_BY_NAME[fold(region)]
                        for region in row["regions"].split(";")
                        if fold(region) in REGIONS_BY_NAME
                    }
                )
                count += 1
                Organisation.objects.update_or_create(
                    registration_number=f"DEMO-3W-{count:03d}",
                    defaults={
                        "name": row["org_name"].strip(),
                        "acronym": row["org_acronym"].strip()[:40],
                        "kind": kind,
                        "sectors": sectors,
                        "regions": regions,
                        "status": Organisation.Status.VERIFIED,
                        "verified_at": timezone.now(),
                    },
                )
        return count

    def create_organisation_pages(self) -> None:
        """Give every verified NGO its public page and members group, as verification does."""
        for organisation in Organisation.objects.filter(status=Organisation.Status.VERIFIED):
            ensure_organisation_page(organisation)

    def set_site_address(self) -> None:
        """Point Wagtail's and Django's site records at SITE_URL, for feeds, sitemaps and links."""
        address = urlsplit(settings.SITE_URL)
        port = address.port or (443 if address.scheme == "https" else 80)
        WagtailSite.objects.filter(is_default_site=True).update(
            hostname=address.hostname, port=port, site_name="Job Cluster"
        )
        DjangoSite.objects.filter(pk=settings.SITE_ID).update(
            domain=address.netloc, name="Job Cluster"
        )

    def create_accounts(self) -> list[tuple[str, str]]:
        created = []
        for email, phone, first_name, platform_role, membership in DEMO_ACCOUNTS:
            user = self.upsert_user(email, phone, first_name, platform_role=platform_role)
            description = platform_role.label if platform_role else Role.SEEKER.label
            if membership:
                acronym, role = membership
                organisation = Organisation.objects.get(acronym=acronym)
                Membership.objects.update_or_create(
                    organisation=organisation, user=user, defaults={"role": role}
                )
                description = f"{Membership.Role(role).label} – {organisation}"
            if phone:
                description += f" (téléphone {phone})"
            created.append((email, str(description)))

        self.upsert_user(SUPERUSER_EMAIL, None, "Admin", is_superuser=True, is_staff=True)
        created.append((SUPERUSER_EMAIL, Role.SUPERUSER.label))
        return created

    def upsert_user(self, email, phone, first_name, **fields) -> User:
        user, _ = User.objects.update_or_create(
            email=email,
            defaults={
                "phone": phone,
                "phone_verified": bool(phone),
                "first_name": first_name,
                **fields,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user
