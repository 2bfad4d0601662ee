"""
The whole journey in headless Chromium, from an NGO's registration to a seeker's hire.

One test walks through every role in its own browser context and saves a screenshot per step.
Along the way it runs axe-core on the main pages and measures the bytes that the public pages
transfer. Both reports are written next to the screenshots.
"""

from __future__ import annotations

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core import mail
from django.db import connection

from accounts.models import User
from cms.models import OfferPage, OrganisationPage, TrainingPage
from cms.time import bamako_today
from observatory.models import Placement
from organisations.models import Organisation
from referential.models import Cercle, Commune, Occupation, OccupationSkill, Region, Sector, Skill
from seekers.models import Application, SeekerProfile
from tests.accounts.factories import PASSWORD, UserFactory
from tests.seekers.factories import PLAIN_PDF

from .audit import Audit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

OFFER_TITLE = "Infirmière de santé communautaire"
TRAINING_TITLE = "Soins de santé primaires pour agents communautaires"
SEEKER_PHONE = "76 12 34 56"
TOTP_PERIOD_SECONDS = 30
TIMEOUT_MS = 30_000


def reference_data() -> dict:
    """Create the few real reference rows the journey needs: Mopti, one ROME occupation."""
    mopti = Region.objects.create(code="ML05", code_2015="ML05", name="Mopti")
    cercle = Cercle.objects.create(code="ML0501", code_2015="ML0501", region=mopti, name="Mopti")
    commune = Commune.objects.create(
        code="ML050101",
        code_2021="ML050101",
        cercle=cercle,
        name="Mopti Commune",
        latitude=Decimal("14.4843"),
        longitude=Decimal("-4.1827"),
    )
    sector = Sector.objects.create(
        slug="sante", name="Santé", name_en="Health", kind=Sector.Kind.CLUSTER
    )
    occupation = Occupation.objects.create(
        code="J1506",
        name="Soins infirmiers généralistes",
        grand_domain_code="J",
        grand_domain="Santé",
        domain_code="J15",
        domain="Praticiens médico-techniques",
        definition="Réalise des soins infirmiers et participe à la prévention et à l’éducation.",
    )
    skills = [
        Skill.objects.create(code=f"J1506-{number}", kind=Skill.Kind.COMPETENCE, name=name)
        for number, name in enumerate(
            [
                "Réaliser des soins infirmiers",
                "Conduire une action de prévention et d’éducation à la santé",
                "Surveiller l’état de santé d’un patient",
            ],
            start=1,
        )
    ]
    for skill in skills:
        OccupationSkill.objects.create(occupation=occupation, skill=skill)
    return {
        "region": mopti,
        "cercle": cercle,
        "commune": commune,
        "sector": sector,
        "occupation": occupation,
        "skills": skills,
    }


def totp_code(secret: str) -> str:
    import time

    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD_SECONDS))


class Journey:
    """The screenshots and page checks of one run, numbered in the order they are taken."""

    def __init__(self, base_url: str, artefacts: Path, audit: Audit) -> None:
        self.base_url = base_url
        self.artefacts = artefacts
        self.audit = audit
        self.step = 0

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def shot(self, page, name: str) -> None:
        self.step += 1
        page.screenshot(path=str(self.artefacts / f"{self.step:02d}-{name}.png"), full_page=False)


def log_in(page, journey: Journey, login: str, password: str = PASSWORD) -> None:
    page.goto(journey.url("/comptes/login/"))
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", password)
    submit(page, page.locator("main form button[type=submit]").last)


def set_up_totp(page, journey: Journey, name: str) -> None:
    """Activate TOTP as the platform requires of staff, reading the secret from the page.

    allauth first asks for the password again before it shows the secret.
    """
    page.wait_for_load_state()
    if "/reauthenticate/" in page.url:
        page.fill("input[name=password]", PASSWORD)
        submit(page, page.locator("main form button[type=submit]").first)
    page.wait_for_selector("#authenticator_secret", timeout=TIMEOUT_MS)
    journey.shot(page, f"{name}-totp")
    secret = page.input_value("#authenticator_secret")
    page.fill("input[name=code]", totp_code(secret))
    submit(page, page.locator("main form button[type=submit]").last)


def submit(page, button) -> None:
    """Click a button that submits a form, and wait for the page that answers."""
    with page.expect_navigation():
        button.click()


def press_admin_action(page, selector: str) -> None:
    """Press a button of Wagtail's footer action menu, opening its dropdown if need be."""
    button = page.locator(selector).first
    if not button.is_visible():
        page.locator("footer [data-w-dropdown-target=toggle]").first.click()
    submit(page, button)


def fill_date(page, selector: str, day: datetime.date) -> None:
    """Type a date into an admin date field without opening its date picker, which hides buttons."""
    page.locator(selector).evaluate(
        "(input, value) => { input.value = value; input.dispatchEvent(new Event('change')); }",
        day.isoformat(),
    )


def choose_skills(page, skills: list[Skill]) -> None:
    """Select skills in the admin form's skills field, whatever widget enhances it."""
    page.evaluate(
        """([ids, labels]) => {
            const select = document.querySelector('select[name="skills"]');
            ids.forEach((id, index) => {
                let option = select.querySelector(`option[value="${id}"]`);
                if (!option) { option = new Option(labels[index], id); select.add(option); }
                option.selected = true;
            });
        }""",
        [[str(skill.pk) for skill in skills], [skill.name for skill in skills]],
    )


def test_whole_journey(
    chromium,
    live_server,
    artefacts,
    axe_source,
    celery_worker_process,
    search_backend,
    settings,
    capsys,
):
    settings.SMS_BACKEND = "accounts.sms.FileBackend"
    settings.ALLOWED_HOSTS = ["*"]
    data = reference_data()
    editor = UserFactory(editor=True, verified=True, email="editrice@example.ml")
    analyst = UserFactory(analyst=True, verified=True, email="analyste@example.ml")
    audit = Audit(axe_source, artefacts)
    journey = Journey(live_server.url, artefacts, audit)
    contexts = {
        role: chromium.new_context(locale="fr-FR", viewport={"width": 1024, "height": 900})
        for role in ("ngo", "editor", "seeker", "analyst", "visitor")
    }
    for context in contexts.values():
        context.set_default_timeout(TIMEOUT_MS)
    ngo, staff, seeker, observer, visitor = (
        contexts[role].new_page() for role in ("ngo", "editor", "seeker", "analyst", "visitor")
    )

    # 1. An NGO's administrator signs up by e-mail, confirms the address and registers the NGO.
    ngo.goto(journey.url("/comptes/signup/"))
    ngo.fill("input[name=first_name]", "Boubacar")
    ngo.fill("input[name=last_name]", "Sangaré")
    ngo.fill("input[name=email]", "recrutement@sahel-sante.ml")
    ngo.fill("input[name=password1]", PASSWORD)
    ngo.fill("input[name=password2]", PASSWORD)
    journey.shot(ngo, "ngo-signup")
    submit(ngo, ngo.locator("main form button[type=submit]").last)
    confirmation = re.search(r"/comptes/confirm-email/\S+/", mail.outbox[-1].body)
    assert confirmation, mail.outbox[-1].body
    ngo.goto(journey.url(confirmation.group(0)))
    confirm_button = ngo.locator("form button[type=submit]")
    if confirm_button.count():
        submit(ngo, confirm_button.last)
    log_in(ngo, journey, "recrutement@sahel-sante.ml")

    ngo.goto(journey.url("/organisations/inscription/"))
    ngo.fill("input[name=name]", "Association Sahel Santé Communautaire")
    ngo.fill("input[name=acronym]", "ASSC")
    ngo.fill("input[name=registration_number]", "N°0421/MATD-DGAT")
    ngo.check("input[name=kind][value=national]")
    ngo.check("input[name=sectors][value=sante]")
    ngo.check("input[name=regions][value=ML05]")
    ngo.fill("input[name=contact_email]", "contact@sahel-sante.ml")
    journey.shot(ngo, "ngo-registers")
    submit(ngo, ngo.locator("main form button[type=submit]").last)
    organisation = Organisation.objects.get(acronym="ASSC")
    assert organisation.status == Organisation.Status.PENDING

    # 2. An editor logs in, sets up TOTP as staff must, and verifies the NGO.
    log_in(staff, journey, editor.email)
    set_up_totp(staff, journey, "editor")
    staff.goto(journey.url(f"/organisations/verification/{organisation.pk}/"))
    journey.shot(staff, "editor-reviews-ngo")
    submit(staff, staff.get_by_role("button", name="Confirmer la vérification"))
    organisation.refresh_from_db()
    assert organisation.status == Organisation.Status.VERIFIED
    organisation_page = OrganisationPage.objects.get(organisation=organisation)

    # 3. The NGO posts an offer and a training in the trimmed Wagtail admin and submits them.
    closing = bamako_today() + datetime.timedelta(days=21)
    ngo.goto(journey.url(f"/admin/pages/add/cms/offerpage/{organisation_page.pk}/"))
    ngo.fill("#id_title", OFFER_TITLE)
    ngo.select_option("#id_kind", "job")
    ngo.fill(
        "#id_description",
        "L’ASSC recrute une infirmière pour ses centres de santé communautaires de Mopti : "
        "consultations prénatales, vaccination, suivi nutritionnel des enfants de moins de "
        "cinq ans et sensibilisation des familles.",
    )
    ngo.select_option("#id_occupation", str(data["occupation"].pk))
    choose_skills(ngo, data["skills"])
    ngo.select_option("#id_sector", str(data["sector"].pk))
    ngo.select_option("#id_project_type", "humanitarian")
    ngo.select_option("#id_region", str(data["region"].pk))
    ngo.select_option("#id_cercle", str(data["cercle"].pk))
    ngo.select_option("#id_commune", str(data["commune"].pk))
    ngo.select_option("#id_contract_type", "cdd")
    # Two positions, so that the hire below leaves the offer open and its page public.
    ngo.fill("#id_positions", "2")
    ngo.select_option("#id_education_level", index=1)
    ngo.fill("#id_experience_years", "1")
    ngo.check("input[name=languages][value=fr]")
    fill_date(ngo, "#id_closing_date", closing)
    ngo.select_option("#id_application_method", "platform")
    journey.shot(ngo, "ngo-writes-offer")
    press_admin_action(ngo, "button[name=action-submit]")
    offer = OfferPage.objects.get(title=OFFER_TITLE)
    assert not offer.live, "an offer of an untrusted NGO waits for the editors"

    start = bamako_today() + datetime.timedelta(days=30)
    ngo.goto(journey.url(f"/admin/pages/add/cms/trainingpage/{organisation_page.pk}/"))
    ngo.fill("#id_title", TRAINING_TITLE)
    ngo.select_option("#id_theme", index=1)
    ngo.fill(
        "#id_description",
        "Deux semaines de pratique encadrée au centre de santé de référence de Mopti.",
    )
    choose_skills(ngo, data["skills"][:2])
    fill_date(ngo, "#id_start_date", start)
    fill_date(ngo, "#id_end_date", start + datetime.timedelta(days=13))
    ngo.fill("#id_duration_hours", "80")
    ngo.select_option("#id_region", str(data["region"].pk))
    ngo.select_option("#id_cercle", str(data["cercle"].pk))
    ngo.select_option("#id_commune", str(data["commune"].pk))
    ngo.fill("#id_venue", "Centre de santé de référence de Mopti")
    ngo.fill("#id_places_available", "20")
    ngo.fill("#id_eligibility", "Jeunes de 18 à 30 ans, niveau BAC ou plus.")
    journey.shot(ngo, "ngo-writes-training")
    press_admin_action(ngo, "button[name=action-submit]")
    training = TrainingPage.objects.get(title=TRAINING_TITLE)
    assert not training.live

    # 4. The editor approves both; they go live and into the search index.
    for page_id in (offer.pk, training.pk):
        staff.goto(journey.url(f"/admin/pages/{page_id}/edit/"))
        journey.shot(staff, f"editor-approves-{page_id}")
        press_admin_action(
            staff,
            "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])",
        )
    offer.refresh_from_db()
    training.refresh_from_db()
    assert offer.live and training.live

    visitor.goto(journey.url("/"))
    journey.shot(visitor, "home")
    audit.check(visitor, "home")
    visitor.goto(journey.url(offer.url))
    journey.shot(visitor, "offer-page")
    audit.check(visitor, "offer")

    # 5. A seeker signs up by phone with the code the SMS carried, then fills a profile.
    seeker.goto(journey.url("/comptes/signup/"))
    seeker.fill("input[name=first_name]", "Awa")
    seeker.fill("input[name=last_name]", "Coulibaly")
    seeker.fill("input[name=phone]", SEEKER_PHONE)
    seeker.fill("input[name=password1]", PASSWORD)
    seeker.fill("input[name=password2]", PASSWORD)
    journey.shot(seeker, "seeker-phone-signup")
    submit(seeker, seeker.get_by_role("button", name="Création de compte"))
    seeker.wait_for_selector("input[name=code]")
    code = read_sms_code(Path(settings.SMS_FILE_PATH))
    seeker.fill("input[name=code]", code)
    journey.shot(seeker, "seeker-sms-code")
    submit(seeker, seeker.get_by_role("button", name="Confirmer", exact=True))
    user = User.objects.get(phone="+22376123456")
    assert user.phone_verified

    seeker.goto(journey.url("/mon-profil/"))
    seeker.select_option("#id_region", str(data["region"].pk))
    seeker.select_option("#id_cercle", str(data["cercle"].pk))
    seeker.select_option("#id_commune", str(data["commune"].pk))
    seeker.fill("#id_date_of_birth", "2001-03-14")
    seeker.select_option("#id_sex", "F")
    seeker.select_option("#id_education_level", index=2)
    seeker.select_option("#id_desired_occupations", str(data["occupation"].pk))
    seeker.select_option("#id_mobility", "region")
    seeker.select_option("#id_availability", "immediate")
    seeker.check("input[name=visibility][value=searchable]")
    # The skill row is a combobox: typing lists suggestions, choosing one fills the skill id.
    skill = data["skills"][0]
    seeker.fill("#id_skills-0-skill", skill.name[:12])
    seeker.get_by_role("option", name=skill.name, exact=True).click()
    assert seeker.input_value("input[name=skills-0-skill_id]") == str(skill.pk)
    seeker.select_option("#id_skills-0-level", "advanced")
    seeker.select_option("#id_languages-0-language", "fr")
    seeker.select_option("#id_languages-0-spoken", "fluent")
    seeker.select_option("#id_languages-0-written", "good")
    seeker.set_input_files(
        "#id_cv", files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PLAIN_PDF}]
    )
    journey.shot(seeker, "seeker-profile")
    submit(seeker, seeker.get_by_role("button", name="Enregistrer mon profil"))
    profile = SeekerProfile.objects.get(user=user)
    assert profile.skills.count() == 1
    assert profile.cv
    audit.check(seeker, "profile")

    # 6. Search without accents, then with a typo that the suggestion corrects.
    seeker.goto(journey.url("/recherche/?q=infirmiere+sante"))
    journey.shot(seeker, "search-without-accents")
    assert seeker.get_by_role("link", name=OFFER_TITLE).count() == 1
    audit.check(seeker, "search")
    seeker.goto(journey.url("/recherche/?q=infirmiere+communautare"))
    suggestion = seeker.locator("a", has_text="communautaire").first
    journey.shot(seeker, "search-typo")
    if seeker.get_by_role("link", name=OFFER_TITLE).count() == 0:
        submit(seeker, suggestion)
        journey.shot(seeker, "search-suggestion")
    assert seeker.get_by_role("link", name=OFFER_TITLE).count() == 1

    # 7. The offer is recommended to the seeker, with the skill that matched.
    seeker.goto(journey.url("/espace/"))
    submit(seeker, seeker.get_by_role("link", name="Recommandé pour vous"))
    journey.shot(seeker, "recommended")
    recommended = seeker.locator("li", has=seeker.get_by_role("link", name=OFFER_TITLE))
    assert recommended.count() >= 1, "the offer is not among the seeker's recommendations"
    assert data["skills"][0].name in recommended.first.inner_text()

    # 8. The seeker saves the search, then applies with the profile's CV.
    seeker.goto(journey.url("/recherche/?q=infirmiere+sante"))
    seeker.locator("form.save-search summary").click()
    # The seeker signed up by phone, so the alerts go by SMS.
    seeker.locator("form.save-search").get_by_label("SMS").check()
    seeker.locator("form.save-search").get_by_label("Chaque semaine").check()
    journey.shot(seeker, "save-search")
    submit(seeker, seeker.locator("form.save-search button[type=submit]"))
    assert user.saved_searches.count() == 1

    seeker.goto(journey.url(offer.url))
    submit(seeker, seeker.get_by_role("link", name="Postuler sur Job Cluster"))
    seeker.fill("textarea[name=message]", "Bonjour, je travaille au CSCom de Sévaré depuis 2023.")
    journey.shot(seeker, "apply")
    submit(seeker, seeker.get_by_role("button", name="Envoyer ma candidature"))
    application = Application.objects.get(seeker=user, offer=offer)

    # 9. The NGO shortlists the application, then hires after the interview.
    ngo.goto(journey.url(f"/candidatures/offres/{offer.pk}/"))
    journey.shot(ngo, "ngo-inbox")
    audit.check(ngo, "inbox")
    for status in ("in-review", "shortlisted", "interview", "hired"):
        ngo.goto(journey.url(f"/candidatures/{application.pk}/"))
        ngo.select_option("select[name=status]", status)
        submit(ngo, ngo.get_by_role("button", name="Changer le statut"))
        if status in ("shortlisted", "hired"):
            journey.shot(ngo, f"ngo-{status}")
    application.refresh_from_db()
    assert application.status == "hired"

    # 10. The registry counts the placement, written by the worker; the dashboard shows it.
    placements = wait_for(lambda: Placement.objects.filter(organisation=organisation).count())
    assert placements == 1
    log_in(observer, journey, analyst.email)
    set_up_totp(observer, journey, "analyst")
    year = Placement.objects.get(organisation=organisation).start_date.year
    observer.goto(journey.url(f"/observatoire/tableau-de-bord/?annee={year}"))
    row = observer.locator("tr", has_text="Embauches faites par la plateforme").first
    journey.shot(observer, "dashboard")
    assert row.locator("td").first.inner_text().strip() == "1"
    audit.check(observer, "dashboard")

    # 11. The seeker follows the hire and downloads their data.
    seeker.goto(journey.url("/mon-profil/candidatures/"))
    journey.shot(seeker, "seeker-hired")
    seeker.goto(journey.url("/mon-profil/"))
    export_link = seeker.get_by_role("link", name="Télécharger toutes mes données (JSON)")
    response = seeker.context.request.get(journey.url(export_link.get_attribute("href")))
    assert response.ok
    exported = response.json()
    assert "+22376123456" in json.dumps(exported)
    summary = seeker.context.request.get(journey.url("/mon-profil/donnees.pdf"))
    assert summary.ok
    assert summary.body().startswith(b"%PDF-")
    journey.shot(seeker, "seeker-downloads-data")

    # 12. Weight of the public pages, measured in a fresh context without cache.
    for name, path in (
        ("home", "/"),
        ("search", "/recherche/?q=infirmiere"),
        ("offer", offer.url),
        ("training", training.url),
        ("organisation", organisation_page.url),
        ("observatory", "/observatoire/"),
    ):
        weight = audit.weigh(chromium, journey.url(path), name)
        assert weight.status == 200, f"{path} answered {weight.status}"
    with capsys.disabled():
        print(
            f"\nJourney ran with the database {connection.vendor}, search on {search_backend}, "
            f"tasks run by {celery_worker_process}."
        )
        audit.write_reports()

    for context in contexts.values():
        context.close()
    assert audit.violations == [], audit.summary()


def read_sms_code(folder: Path) -> str:
    bodies = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*"))]
    codes = [
        match.group(1) for body in bodies for match in [re.search(r"\b(\d{6})\b", body)] if match
    ]
    assert codes, f"no SMS with a code in {folder}"
    return codes[-1]


def wait_for(read, expected=1, seconds=60):
    """Poll `read` until it returns `expected` (the worker runs asynchronously) or time runs out."""
    import time

    deadline = time.monotonic() + seconds
    value = read()
    while value != expected and time.monotonic() < deadline:
        time.sleep(0.3)
        value = read()
    return value
