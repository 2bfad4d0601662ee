"""Create the demo's job seekers: profiles, CVs, applications at every status, saved searches.

Each seeker wants the occupation of one demo offer and lives in that offer's town, so search,
recommendations and the NGOs' inboxes have realistic material. Skills come from the ROME fiche
of the wanted occupation, experiences name real NGOs of the 3W list, and some seekers completed
a demo training. Seekers are keyed by e-mail address, so a second run creates nothing.
"""

from __future__ import annotations

import datetime
import logging
import random
import unicodedata
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.http import QueryDict
from django.test.utils import override_settings
from fpdf import FPDF

from accounts.models import User
from cms.choices import ApplicationMethod, ContractType, EducationLevel, OfferKind
from cms.models import OfferPage, TrainingPage
from cms.time import bamako_today
from jobcluster.management.commands.load_demo_opportunities import (
    OFFERS,
    OfferSpec,
    skills_of,
)
from jobcluster.management.commands.load_demo_opportunities import (
    Command as OpportunitiesCommand,
)
from jobcluster.management.commands.seed_demo import DEMO_PASSWORD, SUPERUSER_EMAIL
from organisations.models import Organisation
from referential.models import Commune
from search.models import SavedSearch
from search.saved import save_search
from seekers import services
from seekers.choices import (
    ApplicationStatus,
    Availability,
    Language,
    LanguageLevel,
    Mobility,
    RejectionReason,
    Sex,
    SkillLevel,
    Visibility,
)
from seekers.models import (
    CompletedTraining,
    Experience,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)

logger = logging.getLogger(__name__)

SEEKER_COUNT = 36
RANDOM_SEED = 2025
DEMO_SEEKER_EMAIL = "demandeur@demo.jobcluster.ml"

# The NGO whose members seed_demo creates has no offer among the demo's, so it gets this one, and
# the first `DEMO_NGO_APPLICANTS` seekers apply to it: its members then find an inbox to review.
DEMO_NGO_OFFER = OfferSpec(
    "demo-mediateur-protection-enfance-mopti",
    OfferKind.JOB,
    "Médiateur ou médiatrice communautaire en protection de l’enfance",
    "K1204",
    "AAPPOR Mali",
    "mopti",
    "protection",
    ContractType.CDD,
    4,
    EducationLevel.BAC,
    1,
    30,
    "son projet de protection des enfants déplacés",
    target_groups=("youth", "displaced"),
    languages=("fr", "bm", "ff"),
)
DEMO_NGO_APPLICANTS = 7

FEMALE_NAMES = [
    "Aïssata", "Awa", "Djeneba", "Fanta", "Hawa", "Kadiatou", "Mariam", "Oumou", "Rokia",
    "Salimata", "Fatoumata", "Assitan", "Bintou", "Nana", "Kadidia", "Maïmouna", "Sira", "Tenin",
]  # fmt: skip
MALE_NAMES = [
    "Adama", "Bakary", "Boubacar", "Drissa", "Ibrahim", "Lassina", "Mamadou", "Modibo",
    "Seydou", "Sidiki", "Souleymane", "Yacouba", "Amadou", "Issa", "Hamidou", "Oumar",
    "Abdoulaye", "Moussa",
]  # fmt: skip
FAMILY_NAMES = [
    "Traoré", "Coulibaly", "Diarra", "Keïta", "Konaté", "Sangaré", "Maïga", "Touré", "Cissé",
    "Dembélé", "Diallo", "Sidibé", "Koné", "Doumbia", "Sissoko", "Camara", "Kanté", "Guindo",
    "Dicko", "Togo", "Bocoum", "Tamboura", "Samaké", "Dao",
]  # fmt: skip

# The national language most spoken in each region, besides French and Bambara.
REGION_LANGUAGES = {
    "ML05": Language.FULFULDE,  # Mopti
    "ML06": Language.SONGHAI,  # Tombouctou
    "ML07": Language.SONGHAI,  # Gao
    "ML08": Language.TAMASHEQ,  # Kidal
    "ML10": Language.TAMASHEQ,  # Ménaka
}

# The statuses the demo's applications reach, in turn; hires stop short of filling an offer.
STATUS_CYCLE = [
    ApplicationStatus.RECEIVED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.INTERVIEW,
    ApplicationStatus.HIRED,
    ApplicationStatus.REJECTED,
    ApplicationStatus.WITHDRAWN,
    ApplicationStatus.IN_REVIEW,
]
# The steps an NGO takes to bring an application from "received" to each status.
STEPS_TO = {
    ApplicationStatus.RECEIVED: [],
    ApplicationStatus.IN_REVIEW: [ApplicationStatus.IN_REVIEW],
    ApplicationStatus.SHORTLISTED: [ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED],
    ApplicationStatus.INTERVIEW: [
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
    ],
    ApplicationStatus.HIRED: [
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.INTERVIEW,
        ApplicationStatus.HIRED,
    ],
    ApplicationStatus.REJECTED: [ApplicationStatus.IN_REVIEW, ApplicationStatus.REJECTED],
}
REJECTION_REASONS = [
    RejectionReason.EXPERIENCE,
    RejectionReason.QUALIFICATION,
    RejectionReason.LOCATION,
    RejectionReason.OTHER_CANDIDATE,
]
# Education levels in increasing order, so a seeker can sit one level below an offer.
EDUCATION_ORDER = list(EducationLevel.values)


@dataclass
class Seeker:
    """One demo seeker before it is written: who they are and which offer they aim at."""

    email: str
    phone: str
    first_name: str
    last_name: str
    sex: str
    offer: OfferPage


def ascii_slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if char.isascii() and char.isalnum())


def cv_pdf(seeker: Seeker, profile: SeekerProfile, skills: list[str]) -> bytes:
    """Write a one-page CV; fpdf2's core fonts cover Latin-1, which French letters fit in."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, f"{seeker.first_name} {seeker.last_name}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    place = profile.commune.name if profile.commune else profile.region.name
    pdf.cell(0, 7, f"{place} - {seeker.email}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, "Compétences", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=11)
    for skill in skills:
        text = skill.replace("’", "'").encode("latin-1", "replace").decode("latin-1")
        pdf.multi_cell(0, 6, f"- {text}", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


class Command(BaseCommand):
    help = (
        "Create the demo's job seekers with profiles, CVs, applications at every status and "
        "saved searches. Prints what it would create unless --apply is given; seekers that "
        "already exist are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Create the seekers.")

    def handle(self, *args, **options):
        if not settings.JOBCLUSTER_DEMO:
            raise CommandError(
                "load_demo_seekers only runs with the dev or demo settings "
                "(DJANGO_SETTINGS_MODULE=jobcluster.settings.demo): it creates known passwords."
            )
        self.random = random.Random(RANDOM_SEED)
        self.today = bamako_today()
        self.reviewer = User.objects.filter(email=SUPERUSER_EMAIL).first()
        if self.reviewer is None:
            raise CommandError(f"{SUPERUSER_EMAIL} not found: run seed_demo first.")
        if options["apply"]:
            self.ensure_demo_ngo_offer()
        elif not OfferPage.objects.filter(slug=DEMO_NGO_OFFER.slug).exists():
            self.stdout.write(
                f"  would publish {DEMO_NGO_OFFER.slug} ({DEMO_NGO_OFFER.organisation})"
            )
        offers = self.demo_offers()
        employers = list(
            Organisation.objects.filter(status=Organisation.Status.VERIFIED)
            .exclude(acronym="")
            .order_by("registration_number")
            .values_list("acronym", flat=True)
        )
        seekers = self.plan(offers)

        created = 0
        applications = 0
        # The notices of these past status changes would only flood the console.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            SMS_BACKEND="accounts.sms.LocmemBackend",
        ):
            for index, seeker in enumerate(seekers):
                if User.objects.filter(email=seeker.email, seeker_profile__isnull=False).exists():
                    continue
                created += 1
                if not options["apply"]:
                    self.stdout.write(f"  would create {seeker.email}")
                    continue
                with transaction.atomic():
                    user = self.create_user(seeker)
                    profile = self.create_profile(user, seeker, employers)
                    applications += self.create_applications(user, index, seeker.offer, offers)
                    if index % 4 == 0:
                        self.save_search(user, seeker.offer)
                logger.info("Demo seeker created: user=%s profile=%s", user.pk, profile.pk)

        verb = "Created" if options["apply"] else "Would create"
        self.stdout.write(f"{verb} {created} job seekers with {applications} applications.")
        if not options["apply"]:
            self.stdout.write("Dry run: nothing was written. Run again with --apply.")

    def ensure_demo_ngo_offer(self) -> None:
        """Publish the demo NGO's offer, as load_demo_opportunities publishes the others."""
        if OfferPage.objects.filter(slug=DEMO_NGO_OFFER.slug).exists():
            return
        loader = OpportunitiesCommand()
        loader.parents = {}
        page = loader.build_offer(DEMO_NGO_OFFER, self.today)
        loader.publish(page, DEMO_NGO_OFFER.organisation, skills_of(page.occupation))

    def demo_offers(self) -> list[OfferPage]:
        slugs = [spec.slug for spec in OFFERS] + [DEMO_NGO_OFFER.slug]
        offers = list(
            OfferPage.objects.live()
            .filter(slug__in=slugs, expired=False)
            .select_related("occupation", "commune__cercle__region", "region")
            .order_by("slug")
        )
        if not offers:
            raise CommandError("No live demo offer: run load_demo_opportunities --apply first.")
        return offers

    def plan(self, offers: list[OfferPage]) -> list[Seeker]:
        """Draw the seekers' names and target offers; the first is the seeded demo seeker."""
        draw = random.Random(RANDOM_SEED)
        in_bamako = [offer for offer in offers if offer.region and offer.region.code == "ML09"]
        platform_offers = [
            offer for offer in offers if offer.application_method == ApplicationMethod.PLATFORM
        ]
        seekers = [
            Seeker(
                DEMO_SEEKER_EMAIL,
                "+22370000001",
                "Aminata",
                "Diarra",
                Sex.FEMALE,
                (in_bamako or platform_offers or offers)[0],
            )
        ]
        used = {(seekers[0].first_name, seekers[0].last_name)}
        ngo_offer = next(
            (offer for offer in offers if offer.slug == DEMO_NGO_OFFER.slug), platform_offers[0]
        )
        for number in range(1, SEEKER_COUNT):
            sex = Sex.FEMALE if number % 2 else Sex.MALE
            names = FEMALE_NAMES if sex == Sex.FEMALE else MALE_NAMES
            first, last = draw.choice(names), draw.choice(FAMILY_NAMES)
            while (first, last) in used:
                first, last = draw.choice(names), draw.choice(FAMILY_NAMES)
            used.add((first, last))
            seekers.append(
                Seeker(
                    f"{ascii_slug(first)}.{ascii_slug(last)}@demo.jobcluster.ml",
                    f"+2237100{number:04d}",
                    first,
                    last,
                    sex,
                    ngo_offer
                    if number <= DEMO_NGO_APPLICANTS
                    else platform_offers[number % len(platform_offers)],
                )
            )
        return seekers

    def create_user(self, seeker: Seeker) -> User:
        user = User.objects.filter(email=seeker.email).first()
        if user is None:
            user = User(email=seeker.email, phone=seeker.phone, phone_verified=True)
        user.first_name = seeker.first_name
        user.last_name = seeker.last_name
        user.set_password(DEMO_PASSWORD)
        user.save()
        EmailAddress.objects.update_or_create(
            user=user, email=seeker.email, defaults={"verified": True, "primary": True}
        )
        return user

    def create_profile(self, user: User, seeker: Seeker, employers: list[str]) -> SeekerProfile:
        offer = seeker.offer
        draw = self.random
        commune = offer.commune or Commune.objects.filter(cercle__region=offer.region).first()
        age = draw.randint(19, 34)
        education = offer.education_level
        if education in EDUCATION_ORDER and draw.random() < 0.3:
            education = EDUCATION_ORDER[max(0, EDUCATION_ORDER.index(education) - 1)]
        profile = SeekerProfile.objects.create(
            user=user,
            region=offer.region,
            cercle=commune.cercle if commune else None,
            commune=commune,
            date_of_birth=self.today.replace(year=self.today.year - age, day=1),
            sex=seeker.sex,
            nationality="ML",
            education_level=education,
            mobility=draw.choice([Mobility.CERCLE, Mobility.REGION, Mobility.NATIONAL]),
            availability=draw.choice([Availability.IMMEDIATE, Availability.ONE_MONTH]),
            visibility=Visibility.SEARCHABLE if draw.random() < 0.7 else Visibility.APPLIED_ONLY,
        )
        profile.desired_occupations.set([offer.occupation])
        if offer.sector_id:
            profile.desired_sectors.set([offer.sector_id])

        # Most, not all, of the occupation's skills: the recommendations then show missing ones.
        skills = skills_of(offer.occupation)
        kept = skills[: max(1, len(skills) - draw.randint(0, 2))]
        for skill in kept:
            SeekerSkill.objects.create(
                profile=profile,
                skill=skill,
                level=draw.choice([SkillLevel.INTERMEDIATE, SkillLevel.ADVANCED]),
            )

        self.add_languages(profile, offer)
        start = self.today.replace(day=1) - datetime.timedelta(days=365 * draw.randint(1, 4))
        Experience.objects.create(
            profile=profile,
            title=offer.occupation.name[:150],
            employer=draw.choice(employers) if employers else "",
            start_date=start,
            end_date=start + datetime.timedelta(days=30 * draw.randint(6, 18)),
        )
        self.add_training(profile, offer)

        profile.cv.save(
            f"cv-{ascii_slug(seeker.first_name)}-{ascii_slug(seeker.last_name)}.pdf",
            ContentFile(cv_pdf(seeker, profile, [skill.name for skill in kept])),
        )
        return profile

    def add_languages(self, profile: SeekerProfile, offer: OfferPage) -> None:
        SeekerLanguage.objects.create(
            profile=profile,
            language=Language.FRENCH,
            spoken=LanguageLevel.FLUENT,
            written=LanguageLevel.GOOD,
        )
        SeekerLanguage.objects.create(
            profile=profile,
            language=Language.BAMBARA,
            spoken=LanguageLevel.FLUENT,
            written=LanguageLevel.BASIC,
        )
        regional = REGION_LANGUAGES.get(offer.region.code if offer.region else "")
        if regional:
            SeekerLanguage.objects.create(
                profile=profile,
                language=regional,
                spoken=LanguageLevel.FLUENT,
                written=LanguageLevel.NONE,
            )

    def add_training(self, profile: SeekerProfile, offer: OfferPage) -> None:
        """Record a live demo training of the seeker's region as completed, for half of them."""
        if self.random.random() < 0.5:
            return
        training = (
            TrainingPage.objects.live()
            .filter(region=offer.region, slug__startswith="demo-")
            .order_by("slug")
            .first()
        )
        if training is not None:
            CompletedTraining.objects.create(
                profile=profile, training=training, year=self.today.year - 1
            )

    def create_applications(
        self, user: User, index: int, first: OfferPage, offers: list[OfferPage]
    ) -> int:
        """Apply to the target offer and another of its sector, then move the NGO's steps."""
        profile = user.seeker_profile
        others = [
            offer for offer in offers if offer.pk != first.pk and offer.sector_id == first.sector_id
        ]
        chosen = [first]
        if others:
            chosen.append(self.random.choice(others))
        if user.email == DEMO_SEEKER_EMAIL:
            # The demo seeker's target offer stays open to her, so it shows as recommended.
            chosen = chosen[1:] or []

        count = 0
        for position, offer in enumerate(chosen):
            offer.refresh_from_db()
            if not services.is_open(offer):
                continue
            message = (
                f"Bonjour, je suis intéressé{'e' if profile.sex == Sex.FEMALE else ''} par le "
                f"poste « {offer.title} ». Vous trouverez mon CV en pièce jointe."
            )
            application = services.apply(user, offer, message=message)
            count += 1
            if application.status == ApplicationStatus.EXTERNAL:
                continue
            status = STATUS_CYCLE[(index + position) % len(STATUS_CYCLE)]
            self.move_to(application, offer, status)
        return count

    def move_to(self, application, offer: OfferPage, status: str) -> None:
        if status == ApplicationStatus.WITHDRAWN:
            services.change_status(application.seeker, application.pk, status)
            return
        if status == ApplicationStatus.HIRED:
            hires = type(application).objects.filter(offer=offer, status=ApplicationStatus.HIRED)
            if hires.count() + 1 >= offer.positions:
                # A hire that fills the offer would close it; an interview keeps it open.
                status = ApplicationStatus.INTERVIEW
        for step in STEPS_TO[status]:
            reason = self.random.choice(REJECTION_REASONS) if step == "rejected" else ""
            services.change_status(self.reviewer, application.pk, step, reason)

    def save_search(self, user: User, offer: OfferPage) -> SavedSearch:
        """Save a weekly e-mail alert on the first word of the offer's occupation."""
        word = offer.occupation.name.split()[0]
        params = QueryDict(mutable=True)
        params["q"] = word
        return save_search(user, params, SavedSearch.Channel.EMAIL, SavedSearch.Frequency.WEEKLY)
