"""Print where to look and whom to log in as once `make demo` has loaded the demo."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.models import User
from cms.models import OfferPage
from jobcluster.management.commands.seed_demo import DEMO_ACCOUNTS, DEMO_PASSWORD, SUPERUSER_EMAIL
from organisations.models import Membership
from seekers.models import Application, SeekerProfile

PAGES = [
    ("Home", "/"),
    ("Search offers and trainings", "/recherche/?q=sante"),
    ("Public statistics", "/observatoire/"),
    ("API documentation", "/api/v1/docs"),
    ("My space (every role; seekers see recommendations there)", "/espace/"),
    ("Seeker: profile, data download", "/mon-profil/"),
    ("Seeker: applications", "/mon-profil/candidatures/"),
    ("NGO: offers and trainings (Wagtail admin)", "/admin/"),
    ("NGO: yearly declarations", "/registre/"),
    ("Editor: NGOs to verify", "/organisations/verification/"),
    ("Analyst: dashboard", "/observatoire/tableau-de-bord/"),
    ("Analyst: declarations to validate", "/registre/observatoire/"),
]


class Command(BaseCommand):
    help = "Print the demo's addresses and accounts for each role, and how staff log in."

    def handle(self, *args, **options):
        site = settings.SITE_URL.rstrip("/")
        write = self.stdout.write

        write("")
        write(self.style.SUCCESS(f"Job Cluster demo: {site}/"))
        write(
            f"{OfferPage.objects.live().count()} live offers, "
            f"{SeekerProfile.objects.count()} job seekers, "
            f"{Application.objects.count()} applications."
        )
        write("")
        write("Pages:")
        for label, path in PAGES + self.inbox_pages():
            write(f"  {label:58} {site}{path}")

        write("")
        write(f"Accounts, all with the password {DEMO_PASSWORD}:")
        for email, phone, _first_name, _role, _membership in DEMO_ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                continue
            login = f"{email} or {phone}" if phone else email
            write(f"  {self.role_of(user):38} {login}")
        write(f"  {'superuser':38} {SUPERUSER_EMAIL}")
        for status, label in (
            ("hired", "job seeker, hired"),
            ("shortlisted", "job seeker, shortlisted"),
        ):
            application = (
                Application.objects.filter(status=status, seeker__isnull=False)
                .select_related("seeker")
                .order_by("pk")
                .first()
            )
            if application is not None:
                write(f"  {label:38} {application.seeker.email}")
        write("")
        write(
            "Editors, analysts and the superuser must turn on two-factor authentication at their "
            "first login: the site asks for the password again, then shows a QR code and its "
            "secret key. Scan it with an authenticator app (Aegis, FreeOTP, Google "
            "Authenticator) or compute the code from the key with `oathtool --totp -b KEY`, "
            "and keep the recovery codes shown next."
        )
        write("E-mails and SMS, such as a phone sign-up's code, are printed on this console.")
        write("")

    def role_of(self, user: User) -> str:
        membership = Membership.objects.filter(user=user).select_related("organisation").first()
        if membership is not None:
            return f"NGO {membership.get_role_display()} ({membership.organisation.acronym})"
        if user.platform_role:
            return str(user.get_platform_role_display())
        return "job seeker"

    def inbox_pages(self) -> list[tuple[str, str]]:
        """Return the inbox of the demo NGO's offer with the most applications, if any."""
        acronyms = [membership[0] for *_rest, membership in DEMO_ACCOUNTS if membership]
        offer = (
            OfferPage.objects.filter(organisation__acronym__in=acronyms)
            .order_by("-live", "pk")
            .first()
        )
        if offer is None:
            return []
        return [("NGO: applications to review", f"/candidatures/offres/{offer.pk}/")]
