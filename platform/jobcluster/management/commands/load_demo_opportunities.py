"""Publish the demo's job offers and trainings under the seeded NGOs' pages.

Each page is keyed by a fixed slug, so a second run creates nothing. Offer texts are written from
the French definition of the offer's ROME occupation, and each offer lists skills that the ROME
fiche links to that occupation.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.choices import (
    ApplicationMethod,
    ContractType,
    EducationLevel,
    OfferKind,
    ProjectType,
    TrainingTheme,
)
from cms.models import OfferPage, OrganisationPage, TrainingPage
from cms.services import ensure_organisation_page
from cms.time import bamako_today
from organisations.models import Organisation
from referential.models import Commune, Occupation, OccupationSkill, Sector, Skill

logger = logging.getLogger(__name__)

SKILLS_PER_PAGE = 5

JOB = OfferKind.JOB
INTERNSHIP = OfferKind.INTERNSHIP
VOLUNTEERING = OfferKind.VOLUNTEERING
HUMANITARIAN = ProjectType.HUMANITARIAN
DEVELOPMENT = ProjectType.DEVELOPMENT


@dataclass(frozen=True)
class OfferSpec:
    """One demo offer; `project` completes the sentence « <NGO> recrute … pour <project> »."""

    slug: str
    kind: str
    title: str
    occupation: str
    organisation: str
    commune: str
    sector: str
    contract: str
    positions: int
    education: str
    experience: int
    closes_in_days: int
    project: str
    project_type: str = HUMANITARIAN
    salary: tuple[int, int] | None = None
    method: str = ApplicationMethod.PLATFORM
    languages: tuple[str, ...] = ("fr", "bm")
    target_groups: tuple[str, ...] = ("youth",)


@dataclass(frozen=True)
class TrainingSpec:
    """One demo training; `skills_from` is the ROME occupation whose skills the training teaches."""

    slug: str
    title: str
    theme: str
    organisation: str
    commune: str
    venue: str
    starts_in_days: int
    length_days: int
    hours: int
    places: int
    skills_from: str
    description: str
    eligibility: str
    cost: int | None = None
    certificate: bool = True


# Communes by (region code, name in the reference data), with the town named in the texts.
TOWNS = {
    "bamako-1": ("ML09", "Commune I", "Bamako"),
    "bamako-3": ("ML09", "Commune III", "Bamako"),
    "bamako-4": ("ML09", "Commune IV", "Bamako"),
    "bamako-5": ("ML09", "Commune V", "Bamako"),
    "bamako-6": ("ML09", "Commune VI", "Bamako"),
    "mopti": ("ML05", "Mopti Commune", "Mopti"),
    "bandiagara": ("ML05", "Bandiagara Commune", "Bandiagara"),
    "djenne": ("ML05", "Djenne Commune", "Djenné"),
    "douentza": ("ML05", "Douentza Commune", "Douentza"),
    "bankass": ("ML05", "Bankass", "Bankass"),
    "segou": ("ML04", "Segou Commune", "Ségou"),
    "niono": ("ML04", "Niono", "Niono"),
    "macina": ("ML04", "Macina", "Macina"),
    "gao": ("ML07", "Gao", "Gao"),
    "ansongo": ("ML07", "Ansongo", "Ansongo"),
    "bourem": ("ML07", "Bourem", "Bourem"),
    "tombouctou": ("ML06", "Tombouctou", "Tombouctou"),
    "dire": ("ML06", "Dire", "Diré"),
    "goundam": ("ML06", "Goundam Commune", "Goundam"),
    "sikasso": ("ML03", "Sikasso Commune", "Sikasso"),
    "koutiala": ("ML03", "Koutiala Commune", "Koutiala"),
    "bougouni": ("ML03", "Bougouni Commune", "Bougouni"),
    "kayes": ("ML01", "Kayes Commune", "Kayes"),
    "kita": ("ML01", "Kita Commune", "Kita"),
    "nioro": ("ML01", "Nioro Commune", "Nioro du Sahel"),
    "kati": ("ML02", "Kati Commune", "Kati"),
    "koulikoro": ("ML02", "Koulikoro Commune", "Koulikoro"),
    "menaka": ("ML10", "Menaka", "Ménaka"),
    "kidal": ("ML08", "Kidal", "Kidal"),
}

CDI, CDD, CONSULTANCY = ContractType.CDI, ContractType.CDD, ContractType.CONSULTANCY
STAGE, VOLUNTEER, DAILY = (
    ContractType.INTERNSHIP,
    ContractType.VOLUNTEERING,
    ContractType.DAILY_LABOUR,
)
E = EducationLevel

OFFERS = [
    # Health and nutrition
    OfferSpec(
        "demo-infirmier-sante-communautaire-mopti",
        JOB,
        "Infirmier ou infirmière de santé communautaire",
        "J1506",
        "ACF-E",
        "mopti",
        "sante",
        CDD,
        3,
        E.BAC_2,
        2,
        21,
        "son programme de santé et de nutrition dans les sites de personnes déplacées",
        salary=(250_000, 350_000),
        languages=("fr", "ff", "bm"),
        target_groups=("youth", "women"),
    ),
    OfferSpec(
        "demo-infirmier-prevention-bamako",
        JOB,
        "Infirmier ou infirmière de prévention",
        "J1505",
        "ALIMA",
        "bamako-4",
        "sante",
        CDD,
        2,
        E.BAC_2,
        1,
        28,
        (
            "ses activités de dépistage et de vaccination dans les centres de santé "
            "communautaires (CSCOM)"
        ),
        salary=(225_000, 300_000),
    ),
    OfferSpec(
        "demo-aide-soignant-gao",
        JOB,
        "Aide-soignant ou aide-soignante",
        "J1501",
        "MSF-E",
        "gao",
        "sante",
        CDD,
        4,
        E.DEF,
        0,
        18,
        "l’unité d’hospitalisation pédiatrique qu’elle appuie à l’hôpital régional",
        salary=(150_000, 200_000),
        languages=("fr", "son"),
        target_groups=("youth", "women"),
    ),
    OfferSpec(
        "demo-medecin-generaliste-tombouctou",
        JOB,
        "Médecin généraliste",
        "J1102",
        "ALIMA",
        "tombouctou",
        "sante",
        CDD,
        1,
        E.DOCTORATE,
        3,
        35,
        "la prise en charge de la malnutrition aiguë sévère avec complications",
        salary=(700_000, 950_000),
        languages=("fr", "son", "tmh"),
        target_groups=(),
    ),
    OfferSpec(
        "demo-sage-femme-segou",
        JOB,
        "Sage-femme",
        "J1104",
        "AMPPF",
        "segou",
        "sante",
        CDD,
        2,
        E.BAC_2,
        2,
        24,
        "son projet de santé maternelle et de planification familiale",
        project_type=DEVELOPMENT,
        salary=(250_000, 320_000),
        target_groups=("women",),
    ),
    OfferSpec(
        "demo-dieteticien-nutrition-menaka",
        JOB,
        "Nutritionniste",
        "J1402",
        "PUI",
        "menaka",
        "nutrition",
        CDD,
        1,
        E.LICENCE,
        2,
        20,
        "le suivi des enfants malnutris dans les centres de récupération nutritionnelle",
        salary=(350_000, 450_000),
        languages=("fr", "tmh"),
    ),
    OfferSpec(
        "demo-sage-femme-kayes",
        JOB,
        "Sage-femme pour les cliniques mobiles",
        "J1104",
        "MUSO",
        "kayes",
        "sante",
        CDD,
        2,
        E.BAC_2,
        1,
        30,
        "ses consultations prénatales à domicile dans les villages du cercle",
        project_type=DEVELOPMENT,
        languages=("fr", "bm", "snk"),
        target_groups=("women",),
    ),
    OfferSpec(
        "demo-stage-infirmier-sikasso",
        INTERNSHIP,
        "Stage en soins infirmiers",
        "J1506",
        "MSF",
        "sikasso",
        "sante",
        STAGE,
        3,
        E.BAC_2,
        0,
        16,
        "le service de pédiatrie qu’elle soutient à l’hôpital de Sikasso",
        salary=(60_000, 75_000),
        target_groups=("youth",),
    ),
    # Social work and protection
    OfferSpec(
        "demo-assistant-social-protection-mopti",
        JOB,
        "Assistant social ou assistante sociale en protection de l’enfance",
        "K1201",
        "TdH",
        "mopti",
        "protection",
        CDD,
        2,
        E.LICENCE,
        2,
        26,
        "la prise en charge des enfants séparés de leur famille",
        salary=(300_000, 400_000),
        languages=("fr", "ff", "bm"),
    ),
    OfferSpec(
        "demo-mediateur-social-gao",
        JOB,
        "Médiateur ou médiatrice communautaire",
        "K1204",
        "DRC",
        "gao",
        "protection",
        CDD,
        3,
        E.BAC,
        1,
        22,
        "son projet de cohésion sociale entre communautés hôtes et personnes déplacées",
        languages=("fr", "son", "tmh"),
        target_groups=("youth", "displaced"),
    ),
    OfferSpec(
        "demo-educateur-specialise-bamako",
        JOB,
        "Éducateur spécialisé ou éducatrice spécialisée",
        "K1207",
        "HI",
        "bamako-1",
        "protection",
        CDI,
        1,
        E.LICENCE,
        3,
        40,
        "l’inclusion scolaire des enfants en situation de handicap",
        project_type=DEVELOPMENT,
        salary=(350_000, 450_000),
        target_groups=("disabled",),
    ),
    OfferSpec(
        "demo-agent-accueil-social-tombouctou",
        JOB,
        "Agent ou agente d’accueil et d’écoute",
        "K1205",
        "NRC",
        "tombouctou",
        "protection",
        CDD,
        2,
        E.BAC,
        0,
        19,
        "son centre d’information et de conseil juridique pour les personnes déplacées",
        languages=("fr", "son", "tmh", "ar"),
        target_groups=("displaced", "women"),
    ),
    OfferSpec(
        "demo-volontaire-protection-segou",
        VOLUNTEERING,
        "Volontaire en protection communautaire",
        "K1204",
        "AMSS",
        "macina",
        "protection",
        VOLUNTEER,
        6,
        E.DEF,
        0,
        15,
        "les comités de protection de ses villages d’intervention",
        languages=("fr", "bm", "ff"),
        target_groups=("youth", "women"),
    ),
    OfferSpec(
        "demo-assistant-social-kidal",
        JOB,
        "Assistant social ou assistante sociale",
        "K1201",
        "ADD Mali",
        "kidal",
        "protection",
        CDD,
        1,
        E.LICENCE,
        1,
        33,
        "l’accompagnement psychosocial des femmes et des enfants",
        languages=("fr", "tmh", "ar"),
        target_groups=("women",),
    ),
    # Education and vocational training
    OfferSpec(
        "demo-formateur-insertion-bamako",
        JOB,
        "Formateur ou formatrice en insertion professionnelle",
        "K2111",
        "SCI",
        "bamako-6",
        "education",
        CDD,
        2,
        E.LICENCE,
        3,
        31,
        "son programme de formation professionnelle des jeunes déscolarisés",
        project_type=DEVELOPMENT,
        salary=(300_000, 400_000),
    ),
    OfferSpec(
        "demo-enseignant-gao",
        JOB,
        "Enseignant ou enseignante pour les classes passerelles",
        "K2107",
        "NRC",
        "ansongo",
        "education",
        CDD,
        4,
        E.BAC,
        1,
        23,
        "ses classes d’éducation accélérée destinées aux enfants déscolarisés",
        languages=("fr", "son"),
        target_groups=("youth", "displaced"),
    ),
    OfferSpec(
        "demo-conseiller-insertion-segou",
        JOB,
        "Conseiller ou conseillère en insertion professionnelle",
        "K1801",
        "CARE INT",
        "segou",
        "education",
        CDD,
        1,
        E.LICENCE,
        2,
        27,
        "l’accompagnement des jeunes vers l’emploi et l’auto-emploi",
        project_type=DEVELOPMENT,
        salary=(300_000, 380_000),
    ),
    OfferSpec(
        "demo-volontaire-enseignant-mopti",
        VOLUNTEERING,
        "Volontaire animateur ou animatrice d’espaces d’apprentissage",
        "K2107",
        "PI",
        "bankass",
        "education",
        VOLUNTEER,
        5,
        E.BAC,
        0,
        17,
        "les espaces temporaires d’apprentissage ouverts dans les écoles fermées",
        languages=("fr", "ff", "bm"),
    ),
    # Food security, agriculture and livestock
    OfferSpec(
        "demo-technicien-maraichage-sikasso",
        JOB,
        "Technicien ou technicienne en maraîchage",
        "A1301",
        "CRS",
        "koutiala",
        "securite-alimentaire",
        CDD,
        2,
        E.BT,
        2,
        25,
        "l’appui aux groupements maraîchers de femmes",
        project_type=DEVELOPMENT,
        salary=(200_000, 275_000),
        target_groups=("women", "youth"),
    ),
    OfferSpec(
        "demo-exploitant-agricole-segou",
        JOB,
        "Animateur ou animatrice agricole",
        "A1416",
        "OXFAM",
        "niono",
        "securite-alimentaire",
        CDD,
        3,
        E.BT,
        1,
        29,
        "la diffusion des semences améliorées et de la riziculture intensive",
        project_type=DEVELOPMENT,
    ),
    OfferSpec(
        "demo-eleveur-mopti",
        JOB,
        "Agent ou agente d’appui à l’élevage",
        "A1407",
        "VSF-B",
        "douentza",
        "securite-alimentaire",
        CDD,
        2,
        E.BT,
        2,
        21,
        "la reconstitution du cheptel des ménages pasteurs vulnérables",
        languages=("fr", "ff"),
        target_groups=("youth", "displaced"),
    ),
    OfferSpec(
        "demo-ingenieur-agronome-kayes",
        JOB,
        "Ingénieur agronome ou ingénieure agronome",
        "A1303",
        "WHH",
        "kita",
        "securite-alimentaire",
        CDI,
        1,
        E.MASTER,
        4,
        45,
        "son programme de résilience agricole face au changement climatique",
        project_type=DEVELOPMENT,
        salary=(550_000, 750_000),
        target_groups=(),
    ),
    OfferSpec(
        "demo-stage-agriculture-tombouctou",
        INTERNSHIP,
        "Stage en conseil agricole",
        "A1301",
        "CARE INT",
        "dire",
        "securite-alimentaire",
        STAGE,
        2,
        E.BAC_2,
        0,
        14,
        "le suivi des périmètres irrigués villageois",
        languages=("fr", "son"),
    ),
    OfferSpec(
        "demo-eleveur-gao",
        JOB,
        "Auxiliaire d’élevage",
        "A1407",
        "VSF-S",
        "bourem",
        "securite-alimentaire",
        DAILY,
        5,
        E.PRIMARY,
        1,
        18,
        "la campagne de vaccination du bétail",
        languages=("son", "tmh", "fr"),
        target_groups=("youth",),
    ),
    # Local development and project management
    OfferSpec(
        "demo-developpement-local-mopti",
        JOB,
        "Chargé ou chargée de développement local",
        "K1802",
        "WVI",
        "bandiagara",
        "securite-alimentaire",
        CDD,
        1,
        E.MASTER,
        3,
        36,
        "le renforcement des communes et des associations villageoises",
        project_type=DEVELOPMENT,
        salary=(450_000, 600_000),
    ),
    OfferSpec(
        "demo-developpement-territorial-kayes",
        JOB,
        "Chargé ou chargée de mission développement territorial",
        "K1404",
        "ENDA Mali",
        "nioro",
        "securite-alimentaire",
        CDD,
        1,
        E.MASTER,
        4,
        42,
        "l’élaboration des plans de développement économique et social des communes",
        project_type=DEVELOPMENT,
        method=ApplicationMethod.EMAIL,
    ),
    OfferSpec(
        "demo-suivi-evaluation-bamako",
        JOB,
        "Chargé ou chargée de suivi-évaluation",
        "M1403",
        "IRC",
        "bamako-3",
        "protection",
        CDI,
        1,
        E.MASTER,
        3,
        32,
        "l’ensemble de ses projets au Mali",
        salary=(600_000, 800_000),
        method=ApplicationMethod.LINK,
        target_groups=(),
    ),
    OfferSpec(
        "demo-organisation-segou",
        JOB,
        "Coordonnateur ou coordonnatrice de projet",
        "M1402",
        "CARITAS",
        "segou",
        "eha",
        CDD,
        1,
        E.MASTER,
        5,
        38,
        "son projet d’eau, d’hygiène et d’assainissement dans les écoles",
        project_type=DEVELOPMENT,
        target_groups=(),
    ),
    OfferSpec(
        "demo-stage-suivi-evaluation-mopti",
        INTERNSHIP,
        "Stage en suivi-évaluation",
        "M1403",
        "ACTED",
        "mopti",
        "securite-alimentaire",
        STAGE,
        1,
        E.LICENCE,
        0,
        15,
        "la collecte et l’analyse des données de ses distributions",
        salary=(75_000, 100_000),
    ),
    # Administration, finance and logistics
    OfferSpec(
        "demo-comptable-bamako",
        JOB,
        "Comptable",
        "M1203",
        "AMPRODE/Sahel",
        "bamako-5",
        "sante",
        CDI,
        1,
        E.LICENCE,
        3,
        30,
        "la tenue de la comptabilité de ses projets financés par plusieurs bailleurs",
        salary=(400_000, 550_000),
        target_groups=(),
    ),
    OfferSpec(
        "demo-comptable-gao",
        JOB,
        "Assistant ou assistante comptable",
        "M1203",
        "STOP SAHEL",
        "gao",
        "sante",
        CDD,
        1,
        E.BAC_2,
        1,
        20,
        "la gestion financière de sa base de Gao",
        salary=(250_000, 300_000),
        languages=("fr", "son"),
    ),
    OfferSpec(
        "demo-stage-comptabilite-bamako",
        INTERNSHIP,
        "Stage en comptabilité et finances",
        "M1203",
        "WVI",
        "bamako-3",
        "eha",
        STAGE,
        2,
        E.BAC_2,
        0,
        21,
        "le service financier de son bureau national",
        salary=(75_000, 75_000),
    ),
    OfferSpec(
        "demo-assistant-rh-bamako",
        JOB,
        "Assistant ou assistante ressources humaines",
        "M1501",
        "IRC",
        "bamako-3",
        "protection",
        CDD,
        1,
        E.LICENCE,
        2,
        27,
        "la gestion du personnel de ses bureaux de terrain",
        salary=(350_000, 450_000),
        method=ApplicationMethod.LINK,
        target_groups=(),
    ),
    OfferSpec(
        "demo-logisticien-tombouctou",
        JOB,
        "Responsable logistique",
        "N1301",
        "AVSF",
        "tombouctou",
        "sante",
        CDD,
        1,
        E.BAC_2,
        3,
        34,
        "l’approvisionnement de ses centres de santé du cercle de Tombouctou",
        salary=(400_000, 500_000),
        languages=("fr", "son"),
    ),
    OfferSpec(
        "demo-approvisionneur-mopti",
        JOB,
        "Assistant ou assistante logistique, approvisionnement",
        "N1303",
        "ACF-E",
        "mopti",
        "nutrition",
        CDD,
        1,
        E.BAC,
        1,
        19,
        "l’achat et le stockage des intrants nutritionnels",
        salary=(200_000, 260_000),
    ),
    OfferSpec(
        "demo-chauffeur-gao",
        JOB,
        "Chauffeur ou chauffeuse de camion",
        "N4101",
        "NRC",
        "gao",
        "abris",
        CDD,
        2,
        E.PRIMARY,
        3,
        17,
        "l’acheminement des kits d’abris et des vivres vers Ansongo et Bourem",
        salary=(175_000, 225_000),
        languages=("fr", "son"),
    ),
    OfferSpec(
        "demo-chauffeur-bamako",
        JOB,
        "Chauffeur ou chauffeuse de véhicule de liaison",
        "N4102",
        "CRS",
        "bamako-4",
        "eha",
        CDD,
        2,
        E.DEF,
        3,
        22,
        "les déplacements de ses équipes entre Bamako et les régions",
        salary=(150_000, 200_000),
        method=ApplicationMethod.EMAIL,
    ),
    OfferSpec(
        "demo-chauffeur-sikasso",
        JOB,
        "Chauffeur ou chauffeuse",
        "N4102",
        "PI",
        "bougouni",
        "education",
        CDD,
        1,
        E.DEF,
        2,
        16,
        "les missions de supervision de ses écoles partenaires",
        project_type=DEVELOPMENT,
        salary=(150_000, 180_000),
    ),
    # Water, sanitation and construction
    OfferSpec(
        "demo-plombier-kayes",
        JOB,
        "Plombier ou plombière, réseaux d’eau potable",
        "F1603",
        "ACTED",
        "kayes",
        "eha",
        CDD,
        2,
        E.CAP,
        2,
        24,
        "la réhabilitation des adductions d’eau villageoises",
        salary=(175_000, 225_000),
        languages=("fr", "bm", "snk"),
    ),
    OfferSpec(
        "demo-macon-koulikoro",
        JOB,
        "Maçon ou maçonne",
        "F1703",
        "ALPHALOG",
        "koulikoro",
        "abris",
        DAILY,
        6,
        E.NONE,
        2,
        14,
        "la construction de latrines et d’abris durables",
        target_groups=("youth", "displaced"),
    ),
    OfferSpec(
        "demo-electricien-solaire-kati",
        VOLUNTEERING,
        "Volontaire en maintenance des installations solaires",
        "I1309",
        "CRS",
        "kati",
        "eha",
        VOLUNTEER,
        2,
        E.BT,
        0,
        25,
        "l’entretien des pompes solaires installées dans les villages",
        project_type=DEVELOPMENT,
    ),
    OfferSpec(
        "demo-maintenance-forages-menaka",
        JOB,
        "Technicien ou technicienne de maintenance des forages",
        "I1304",
        "IRC",
        "menaka",
        "eha",
        CDD,
        1,
        E.BT,
        2,
        26,
        "la remise en état des forages et des pompes à motricité humaine",
        languages=("fr", "tmh"),
        target_groups=("youth", "displaced"),
    ),
]

TRAININGS = [
    TrainingSpec(
        "demo-formation-insertion-jeunes-bamako",
        "Préparer son insertion professionnelle : CV, entretien et recherche d’emploi",
        TrainingTheme.INSERTION,
        "SCI",
        "bamako-6",
        "Centre de formation de Niamakoro",
        14,
        5,
        30,
        30,
        "K1801",
        (
            "Cinq jours d’ateliers pour définir son projet professionnel, rédiger un CV, se "
            "préparer aux entretiens d’embauche et connaître les dispositifs d’appui à l’emploi "
            "des jeunes. Des recruteurs d’ONG partenaires animent la dernière journée."
        ),
        "Jeunes de 18 à 35 ans, sans emploi, sachant lire et écrire en français.",
    ),
    TrainingSpec(
        "demo-formation-insertion-mopti",
        "Insertion socioprofessionnelle des jeunes déplacés",
        TrainingTheme.INSERTION,
        "DRC",
        "mopti",
        "Maison des jeunes de Mopti",
        21,
        10,
        60,
        25,
        "K1801",
        (
            "Un parcours de deux semaines qui associe orientation, initiation aux métiers "
            "porteurs de la région et stage d’observation chez un artisan. Chaque participant "
            "repart avec un plan d’action personnel."
        ),
        "Jeunes déplacés ou membres des familles hôtes, de 16 à 30 ans.",
    ),
    TrainingSpec(
        "demo-formation-agr-femmes-segou",
        "Créer et gérer une activité génératrice de revenus",
        TrainingTheme.INCOME_GENERATION,
        "CARE INT",
        "segou",
        "Siège de l’union des groupements féminins",
        18,
        6,
        36,
        30,
        "M1302",
        (
            "Comment choisir une activité rentable, tenir un cahier de caisse, fixer un prix de "
            "vente et rembourser un crédit de groupe. La formation s’appuie sur les associations "
            "villageoises d’épargne et de crédit."
        ),
        "Femmes membres d’un groupement ou d’une association villageoise d’épargne et de crédit.",
    ),
    TrainingSpec(
        "demo-formation-agr-gao",
        "Transformation et vente de produits locaux",
        TrainingTheme.INCOME_GENERATION,
        "ACTED",
        "gao",
        "Centre d’animation communautaire de Gao",
        28,
        8,
        48,
        20,
        "M1302",
        (
            "Fabrication de savon, transformation du lait et séchage des produits maraîchers, "
            "puis gestion des ventes sur les marchés hebdomadaires. Un kit de démarrage est remis"
            " à chaque groupe à la fin de la formation."
        ),
        "Femmes et jeunes des ménages vulnérables de la commune de Gao.",
    ),
    TrainingSpec(
        "demo-formation-enseignants-tombouctou",
        "Pédagogie active pour les enseignants des classes multigrades",
        TrainingTheme.TEACHERS,
        "NRC",
        "tombouctou",
        "Centre d’animation pédagogique de Tombouctou",
        35,
        10,
        60,
        40,
        "K2107",
        (
            "Organisation d’une classe multigrade, gestion du temps d’apprentissage, évaluation "
            "formative et soutien psychosocial aux élèves affectés par la crise. Les séances "
            "alternent théorie et pratique en classe."
        ),
        "Enseignants et enseignantes en poste dans les cercles de Tombouctou, Diré et Goundam.",
    ),
    TrainingSpec(
        "demo-formation-enseignants-mopti",
        "Enseigner en situation d’urgence",
        TrainingTheme.TEACHERS,
        "PI",
        "bandiagara",
        "Académie d’enseignement de Bandiagara",
        24,
        6,
        36,
        35,
        "K2107",
        (
            "Principes de l’éducation en situation d’urgence, protection de l’enfant à l’école, "
            "lecture et calcul de base pour les enfants qui ont manqué plusieurs années de "
            "classe."
        ),
        "Enseignants titulaires, contractuels et volontaires des écoles rouvertes.",
    ),
    TrainingSpec(
        "demo-formation-agents-sante-kayes",
        "Formation des relais communautaires en santé",
        TrainingTheme.HEALTH_WORKERS,
        "MUSO",
        "kayes",
        "Centre de santé de référence de Kayes",
        12,
        5,
        35,
        30,
        "J1505",
        (
            "Repérer les signes de danger chez l’enfant, orienter les femmes enceintes vers les "
            "consultations prénatales, dépister la malnutrition avec le bracelet MUAC et tenir le"
            " registre des visites à domicile."
        ),
        "Relais communautaires désignés par leur village, sachant lire en français ou en bambara.",
    ),
    TrainingSpec(
        "demo-formation-agents-sante-gao",
        "Prise en charge de la malnutrition aiguë pour les agents de santé",
        TrainingTheme.HEALTH_WORKERS,
        "ALIMA",
        "bamako-4",
        "Institut national de formation en sciences de la santé",
        30,
        5,
        40,
        24,
        "J1402",
        (
            "Protocole national de prise en charge de la malnutrition aiguë, conduite des "
            "traitements nutritionnels, suivi des complications et remplissage des outils de "
            "gestion des données."
        ),
        "Infirmiers, infirmières, sages-femmes et médecins des CSCOM partenaires.",
    ),
    TrainingSpec(
        "demo-formation-maraichage-sikasso",
        "Techniques de maraîchage et gestion de l’eau",
        TrainingTheme.FARMING,
        "CRS",
        "sikasso",
        "Périmètre maraîcher de Sikasso",
        16,
        12,
        72,
        30,
        "A1301",
        (
            "Préparation des planches, pépinières, irrigation goutte à goutte, compostage et "
            "lutte intégrée contre les ravageurs. Les séances pratiques se déroulent sur le "
            "périmètre du groupement."
        ),
        "Membres des groupements maraîchers, en priorité les femmes et les jeunes.",
    ),
    TrainingSpec(
        "demo-formation-agroecologie-segou",
        "Agroécologie et semences adaptées au climat",
        TrainingTheme.FARMING,
        "OXFAM",
        "niono",
        "Champ-école paysan de Niono",
        40,
        8,
        48,
        25,
        "A1416",
        (
            "Rotation des cultures, variétés de riz et de mil à cycle court, fumure organique et "
            "calendrier cultural adapté aux pluies irrégulières. La formation suit la méthode des"
            " champs-écoles paysans."
        ),
        "Producteurs et productrices de la zone Office du Niger.",
        certificate=False,
    ),
    TrainingSpec(
        "demo-formation-elevage-mopti",
        "Santé animale et alimentation du bétail",
        TrainingTheme.LIVESTOCK,
        "VSF-B",
        "douentza",
        "Parc de vaccination de Douentza",
        20,
        7,
        42,
        20,
        "A1407",
        (
            "Reconnaître les maladies courantes du bétail, vacciner et déparasiter, préparer des "
            "blocs multinutritionnels et gérer les stocks de fourrage pour la saison sèche."
        ),
        "Éleveurs et éleveuses, auxiliaires d’élevage et jeunes pasteurs.",
    ),
    TrainingSpec(
        "demo-formation-aviculture-koulikoro",
        "Aviculture villageoise améliorée",
        TrainingTheme.LIVESTOCK,
        "WVI",
        "kati",
        "Centre agropastoral de Kati",
        26,
        5,
        30,
        20,
        "A1407",
        (
            "Construction d’un poulailler en matériaux locaux, alimentation, vaccination contre "
            "la maladie de Newcastle et vente des œufs et des poulets. Une participation couvre "
            "l’alimentation des volailles de démonstration."
        ),
        "Jeunes et femmes qui disposent d’un terrain pour installer un poulailler.",
        cost=10_000,
    ),
    TrainingSpec(
        "demo-formation-environnement-tombouctou",
        "Lutte contre l’ensablement et reboisement",
        TrainingTheme.ENVIRONMENT,
        "CARE INT",
        "goundam",
        "Mairie de Goundam",
        22,
        5,
        30,
        30,
        "A1202",
        (
            "Fixation des dunes, production de plants en pépinière, plantation et entretien des "
            "haies vives. Chaque participant plante et suit une parcelle pendant la saison des "
            "pluies."
        ),
        (
            "Jeunes des villages riverains du lac Faguibine et membres des comités de gestion des"
            " ressources naturelles."
        ),
    ),
    TrainingSpec(
        "demo-formation-environnement-bamako",
        "Gestion des déchets et assainissement des quartiers",
        TrainingTheme.ENVIRONMENT,
        "ENDA Mali",
        "bamako-1",
        "Centre ENDA de Banconi",
        10,
        4,
        24,
        25,
        "A1202",
        (
            "Tri et valorisation des déchets plastiques, compostage des déchets organiques, "
            "organisation d’un service de pré-collecte dans le quartier et sensibilisation des "
            "ménages."
        ),
        "Jeunes des groupements d’intérêt économique de pré-collecte et associations de quartier.",
        certificate=False,
    ),
    TrainingSpec(
        "demo-formation-insertion-kayes",
        "Métiers du bâtiment : initiation à la maçonnerie",
        TrainingTheme.INSERTION,
        "ACTED",
        "nioro",
        "Centre de formation professionnelle de Nioro",
        45,
        20,
        120,
        20,
        "F1703",
        (
            "Lecture de plans simples, fabrication de briques en terre stabilisée, montage de "
            "murs et d’enduits. La formation se termine par la construction d’une salle de classe"
            " avec un maître maçon."
        ),
        "Jeunes de 18 à 30 ans sans qualification, résidant dans le cercle de Nioro.",
    ),
]


def skills_of(occupation: Occupation) -> list[Skill]:
    """Return the first know-how skills that the ROME fiche links to `occupation`."""
    links = (
        OccupationSkill.objects.filter(occupation=occupation, skill__kind=Skill.Kind.COMPETENCE)
        .select_related("skill")
        .order_by("pk")[:SKILLS_PER_PAGE]
    )
    return [link.skill for link in links]


def definition_parts(occupation: Occupation) -> tuple[str, list[str]]:
    """Split a ROME definition into its summary sentence and its list of activities."""
    lines = [line.strip() for line in occupation.definition.splitlines() if line.strip()]
    if not lines:
        return "", []
    return lines[0], lines[1:]


def offer_description(spec: OfferSpec, organisation: Organisation, occupation: Occupation) -> str:
    """Compose an offer's text from its context and the occupation's ROME definition."""
    town = TOWNS[spec.commune][2]
    positions = "un poste" if spec.positions == 1 else f"{spec.positions} postes"
    paragraphs = [
        f"{organisation.acronym or organisation.name} recrute pour {spec.project}, à {town}. "
        f"{positions.capitalize()} à pourvoir."
    ]
    summary, activities = definition_parts(occupation)
    if summary:
        paragraphs.append(f"Le métier, selon la fiche ROME {occupation.code} : {summary}")
    if activities:
        tasks = " ; ".join(activity[0].lower() + activity[1:] for activity in activities[:3])
        paragraphs.append(f"Activités principales : {tasks.rstrip('.')}.")
    if "women" in spec.target_groups:
        paragraphs.append("Les candidatures féminines sont vivement encouragées.")
    if "displaced" in spec.target_groups:
        paragraphs.append("Priorité aux personnes déplacées internes résidant dans la zone.")
    return "\n\n".join(paragraphs)


class Command(BaseCommand):
    help = (
        "Publish the demo's job offers and trainings under the seeded NGOs' pages. Prints what "
        "it would create unless --apply is given; pages that already exist are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Create and publish the pages.")

    def handle(self, *args, **options):
        apply = options["apply"]
        today = bamako_today()
        self.parents: dict[str, OrganisationPage] = {}
        created = {"offers": 0, "trainings": 0}

        for spec in OFFERS:
            if OfferPage.objects.filter(slug=spec.slug).exists():
                continue
            page = self.build_offer(spec, today)
            self.report(apply, page, spec.organisation)
            if apply:
                self.publish(page, spec.organisation, skills_of(page.occupation))
            created["offers"] += 1

        for spec in TRAININGS:
            if TrainingPage.objects.filter(slug=spec.slug).exists():
                continue
            page = self.build_training(spec, today)
            self.report(apply, page, spec.organisation)
            if apply:
                occupation = self.occupation(spec.skills_from)
                self.publish(page, spec.organisation, skills_of(occupation))
            created["trainings"] += 1

        verb = "Created" if apply else "Would create"
        self.stdout.write(
            f"{verb} {created['offers']} offers and {created['trainings']} trainings."
        )
        if not apply:
            self.stdout.write("Dry run: nothing was written. Run again with --apply.")

    # Lookups, raising a message that names the command to run when rows are missing.

    def organisation_page(self, acronym: str) -> OrganisationPage:
        if acronym not in self.parents:
            organisation = (
                Organisation.objects.filter(acronym=acronym, status=Organisation.Status.VERIFIED)
                .order_by("registration_number")
                .first()
            )
            if organisation is None:
                raise CommandError(
                    f"Verified organisation {acronym!r} not found: run seed_demo first."
                )
            self.parents[acronym] = ensure_organisation_page(organisation)
        return self.parents[acronym]

    def occupation(self, code: str) -> Occupation:
        occupation = Occupation.objects.filter(code=code).first()
        if occupation is None:
            raise CommandError(
                f"Occupation {code} not found: run load_reference_data --apply first."
            )
        return occupation

    def place(self, key: str) -> dict:
        region_code, name, _town = TOWNS[key]
        commune = (
            Commune.objects.filter(name=name, cercle__region__code=region_code)
            .select_related("cercle__region")
            .first()
        )
        if commune is None:
            raise CommandError(
                f"Commune {name!r} in region {region_code} not found: "
                "run load_reference_data --apply first."
            )
        return {"region": commune.cercle.region, "cercle": commune.cercle, "commune": commune}

    def sector(self, slug: str) -> Sector:
        sector = Sector.objects.filter(slug=slug).first()
        if sector is None:
            raise CommandError(f"Sector {slug!r} not found: run load_reference_data --apply first.")
        return sector

    # Pages

    def build_offer(self, spec: OfferSpec, today: datetime.date) -> OfferPage:
        parent = self.organisation_page(spec.organisation)
        occupation = self.occupation(spec.occupation)
        salary_min, salary_max = spec.salary or (None, None)
        email = ""
        url = ""
        if spec.method == ApplicationMethod.EMAIL:
            email = f"recrutement+{spec.slug}@demo.jobcluster.ml"
        elif spec.method == ApplicationMethod.LINK:
            url = f"https://demo.jobcluster.ml/postuler/{spec.slug}/"
        return OfferPage(
            live=False,
            title=spec.title,
            slug=spec.slug,
            kind=spec.kind,
            description=offer_description(spec, parent.organisation, occupation),
            occupation=occupation,
            sector=self.sector(spec.sector),
            project_type=spec.project_type,
            **self.place(spec.commune),
            contract_type=spec.contract,
            positions=spec.positions,
            education_level=spec.education,
            experience_years=spec.experience,
            languages=list(spec.languages),
            salary_min=salary_min,
            salary_max=salary_max,
            closing_date=today + datetime.timedelta(days=spec.closes_in_days),
            application_method=spec.method,
            application_url=url,
            application_email=email,
            target_groups=list(spec.target_groups),
        )

    def build_training(self, spec: TrainingSpec, today: datetime.date) -> TrainingPage:
        self.organisation_page(spec.organisation)
        self.occupation(spec.skills_from)
        start = today + datetime.timedelta(days=spec.starts_in_days)
        return TrainingPage(
            live=False,
            title=spec.title,
            slug=spec.slug,
            theme=spec.theme,
            description=spec.description,
            start_date=start,
            end_date=start + datetime.timedelta(days=spec.length_days - 1),
            duration_hours=spec.hours,
            **self.place(spec.commune),
            venue=spec.venue,
            places_available=spec.places,
            is_free=spec.cost is None,
            cost=spec.cost,
            has_certificate=spec.certificate,
            eligibility=spec.eligibility,
        )

    def report(self, apply: bool, page: OfferPage | TrainingPage, acronym: str) -> None:
        verb = "create" if apply else "would create"
        self.stdout.write(f"  {verb} {page.slug} ({acronym}, {page.region})")

    def publish(self, page: OfferPage | TrainingPage, acronym: str, skills: list[Skill]) -> None:
        """Add `page` under the NGO's page and publish it, as the CMS editor does."""
        parent = self.parents[acronym]
        with transaction.atomic():
            parent.add_child(instance=page)
            page.skills.set(skills)
            revision = page.save_revision()
            revision.publish()
        logger.info("Demo page published: organisation=%s page=%s", page.organisation_id, page.pk)
