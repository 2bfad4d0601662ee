"""
Build the reference-data files that Job Cluster ships, from the public source files.

Run by a developer when a source changes, never by the platform:

    .venv/bin/python -m referential.build_data [SOURCE_DIR] [--output DIR]

SOURCE_DIR holds the folders mali_admin/, rome_v4/, esco_fr/ and ngos_mali/ (the layout that
data/SOURCES.md describes); by default it is `shared/data` next to the checkout. The output goes to
referential/data/. Only openly licensed sources are written out, with the columns the platform
uses. The files are deterministic (sorted rows, gzip without a timestamp), so rebuilding from the
same sources changes no byte. This module imports nothing from Django.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_SOURCE_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data"
DEFAULT_OUTPUT_DIR = Path(__file__).resolve().parent / "data"

# French spellings with their accents: the OCHA tables write every name in ASCII.
REGION_NAMES = {
    "ML01": "Kayes",
    "ML02": "Koulikoro",
    "ML03": "Sikasso",
    "ML04": "Ségou",
    "ML05": "Mopti",
    "ML06": "Tombouctou",
    "ML07": "Gao",
    "ML08": "Kidal",
    "ML09": "Bamako",
    "ML10": "Ménaka",
}
CERCLE_NAMES = {
    "bafoulabe": "Bafoulabé",
    "diema": "Diéma",
    "kenieba": "Kéniéba",
    "yelimane": "Yélimané",
    "dioila": "Dioïla",
    "kolondieba": "Kolondiéba",
    "baraoueli": "Barouéli",
    "segou": "Ségou",
    "djenne": "Djenné",
    "tenenkou": "Ténenkou",
    "dire": "Diré",
    "niafunke": "Niafunké",
    "abeibara": "Abeïbara",
    "menaka": "Ménaka",
    "anderamboukane": "Andéramboukane",
    "inekar": "Inékar",
    "tidermene": "Tidermène",
}
# Spellings of the 2015 tables that differ from the 2021 ones, as normalised names.
NAME_ALIASES_2015 = {"koulikouro": "koulikoro", "baroueli": "baraoueli"}

# ROME links: code_compo_bloc 5 is the skills block, and code_rubrique names its section.
ROME_SKILLS_BLOCK = "5"
ROME_SECTIONS = {"1": "savoir-faire", "2": "savoir-etre", "3": "savoirs"}
ROME_NATURES = {"Compétence": "competence", "Macro-compétence": "macro-competence"}

# A derived ISCO group is kept only when it gets at least this share of the votes.
ISCO_MIN_VOTE_SHARE = 0.5


@dataclass(frozen=True)
class SectorSpec:
    slug: str
    name: str
    name_en: str
    kind: str
    cluster_label: str = ""  # the value of the 3W `cluster` column, for humanitarian clusters


# Humanitarian clusters first, then the economic sectors in which NGOs create jobs.
SECTORS = [
    SectorSpec("sante", "Santé", "Health", "cluster", "Santé"),
    SectorSpec("nutrition", "Nutrition", "Nutrition", "cluster", "Nutrition"),
    SectorSpec("education", "Éducation", "Education", "cluster", "Education"),
    SectorSpec(
        "eha",
        "Eau, hygiène et assainissement (EHA)",
        "Water, sanitation and hygiene (WASH)",
        "cluster",
        "EHA",
    ),
    SectorSpec(
        "securite-alimentaire",
        "Sécurité alimentaire",
        "Food security",
        "cluster",
        "Sécurité Alimentaire",
    ),
    SectorSpec("protection", "Protection", "Protection", "cluster", "Protection"),
    SectorSpec("abris", "Abris", "Shelter", "cluster", "Abris"),
    SectorSpec(
        "relevement-precoce",
        "Relèvement précoce et moyens d’existence",
        "Early recovery and livelihoods",
        "cluster",
    ),
    SectorSpec("logistique", "Logistique", "Logistics", "cluster"),
    SectorSpec("coordination", "Coordination", "Coordination", "cluster", "Coordination"),
    SectorSpec("agriculture", "Agriculture", "Agriculture", "economic"),
    SectorSpec("elevage", "Élevage", "Livestock", "economic"),
    SectorSpec("peche", "Pêche et aquaculture", "Fisheries and aquaculture", "economic"),
    SectorSpec("environnement", "Environnement", "Environment", "economic"),
    SectorSpec(
        "formation-professionnelle",
        "Formation professionnelle",
        "Vocational training",
        "economic",
    ),
    SectorSpec("gouvernance", "Gouvernance", "Governance", "economic"),
    SectorSpec("artisanat", "Artisanat", "Crafts", "economic"),
    SectorSpec("commerce", "Commerce", "Trade", "economic"),
    SectorSpec("btp", "Bâtiment et travaux publics", "Construction and public works", "economic"),
    SectorSpec("energie", "Énergie", "Energy", "economic"),
    SectorSpec("numerique", "Numérique", "Digital technology", "economic"),
    SectorSpec("transport", "Transports", "Transport", "economic"),
]


class SourceDataError(Exception):
    """A source file is missing or does not have the expected content."""


@dataclass
class BuildReport:
    """Counts and matching statistics, printed at the end of a build."""

    lines: list[str] = field(default_factory=list)

    def add(self, message: str, *args: object) -> None:
        self.lines.append(message % args if args else message)


# Reading and writing


def read_csv(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise SourceDataError(f"Source file not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable[object]]) -> int:
    """Write `rows` under `header` to `path`, gzip-compressed when the name ends with .gz.

    Returns the number of rows written. The gzip header carries no name and no timestamp.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    data = buffer.getvalue().encode("utf-8")
    if path.suffix == ".gz":
        with (
            path.open("wb") as raw,
            gzip.GzipFile(
                filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0
            ) as compressed,
        ):
            compressed.write(data)
    else:
        path.write_bytes(data)
    return count


def normalise_name(name: str) -> str:
    """Return the form of a place or job name used to match spellings across sources.

    Letter case, accents, apostrophes, hyphens and spaces are ignored.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_name.casefold())


def normalise_place_2015(name: str) -> str:
    key = normalise_name(name)
    return NAME_ALIASES_2015.get(key, key)


def strip_roman_suffix(name: str) -> str:
    """Return `name` without a trailing roman numeral, as in "Dogofry II"."""
    return re.sub(r"\s+(?:I|II|III|IV)$", "", name.strip())


# Administrative divisions


def build_admin(source: Path, output: Path, report: BuildReport) -> None:
    folder = source / "mali_admin"
    pcodes_2021 = read_csv(folder / "cod2021_pcodes_adm1_adm2.csv")
    regions_2015 = read_csv(folder / "cod2015_adm1_regions.csv")
    cercles_2015 = read_csv(folder / "cod2015_adm2_cercles.csv")
    communes_2015 = read_csv(folder / "cod2015_adm3_communes.csv")
    communes_2021 = read_csv(folder / "cod2021_adm3_communes_derived_from_3w.csv")

    regions = [row for row in pcodes_2021 if row["Admin Level"] == "1"]
    cercles = [row for row in pcodes_2021 if row["Admin Level"] == "2"]
    unknown_regions = {row["P-Code"] for row in regions} - REGION_NAMES.keys()
    if unknown_regions:
        raise SourceDataError(
            f"Regions without a French name: {sorted(unknown_regions)}. Add them to REGION_NAMES."
        )

    # Regions and cercles: the 2021 table, with the 2015 code of the unit of the same name.
    region_2015_by_name = {
        normalise_place_2015(row["admin1Name"]): row["admin1Pcod"] for row in regions_2015
    }
    region_rows = [
        (
            row["P-Code"],
            region_2015_by_name.get(normalise_name(row["Name"]), ""),
            REGION_NAMES[row["P-Code"]],
        )
        for row in regions
    ]
    cercle_2021_by_name = {normalise_name(row["Name"]): row["P-Code"] for row in cercles}
    cercle_2021_by_2015 = {}
    for row in cercles_2015:
        code_2021 = cercle_2021_by_name.get(normalise_place_2015(row["admin2Name"]))
        if code_2021 is None:
            raise SourceDataError(
                f"2015 cercle without a 2021 match: {row['admin2Name']}. "
                "Add its spelling to NAME_ALIASES_2015."
            )
        cercle_2021_by_2015[row["admin2Pcod"]] = code_2021
    cercle_2015_by_2021 = {code_2021: code for code, code_2021 in cercle_2021_by_2015.items()}
    cercle_rows = [
        (
            row["P-Code"],
            row["Parent P-Code"],
            CERCLE_NAMES.get(normalise_name(row["Name"]), row["Name"]),
            cercle_2015_by_2021.get(row["P-Code"], ""),
        )
        for row in cercles
    ]
    report.add(
        "regions: %d (%d with a 2015 code)",
        len(region_rows),
        sum(1 for row in region_rows if row[1]),
    )
    report.add(
        "cercles: %d (%d matched by name to a 2015 cercle)",
        len(cercle_rows),
        len(cercle_2015_by_2021),
    )

    # Communes: the 2015 table, with the 2021 code that the 3W-derived table gives the same name.
    split_regions = {row[0] for row in region_rows if not row[1]}
    code_2021_by_2015 = match_communes(
        communes_2015, communes_2021, cercle_2021_by_2015, split_regions
    )
    known_cercles = {row["P-Code"] for row in cercles}
    commune_rows = []
    moved = 0
    for row in communes_2015:
        code_2021 = code_2021_by_2015.get(row["admin3Pcod"], "")
        cercle = cercle_2021_by_2015[row["admin2Pcod"]]

        # The 2021 P-code starts with its cercle's code, which places the communes of the 2015
        # cercle of Ménaka in the four cercles of the Ménaka region (ML10).
        if code_2021 and code_2021[:6] in known_cercles and code_2021[:6] != cercle:
            cercle = code_2021[:6]
            moved += 1
        commune_rows.append(
            (
                row["admin3Pcod"],
                code_2021,
                cercle,
                row["admin3Name"].strip(),
                row["centroid_lat"],
                row["centroid_lon"],
            )
        )
    unmatched_2021 = sorted(
        row["admin3_pcode"]
        for row in communes_2021
        if row["admin3_pcode"] not in set(code_2021_by_2015.values())
    )
    report.add(
        "communes: %d, %d with a 2021 code, %d placed in another cercle by it",
        len(commune_rows),
        len(code_2021_by_2015),
        moved,
    )
    report.add(
        "2021 commune codes without a 2015 commune (not shipped): %d %s",
        len(unmatched_2021),
        " ".join(unmatched_2021),
    )

    write_csv(output / "regions.csv", ["code", "code_2015", "name"], region_rows)
    write_csv(output / "cercles.csv", ["code", "region", "name", "code_2015"], cercle_rows)
    write_csv(
        output / "communes.csv",
        ["code", "code_2021", "cercle", "name", "latitude", "longitude"],
        sorted(commune_rows),
    )


def match_communes(
    communes_2015: list[dict[str, str]],
    communes_2021: list[dict[str, str]],
    cercle_2021_by_2015: dict[str, str],
    split_regions: set[str],
) -> dict[str, str]:
    """Return the 2021 P-code of each 2015 commune whose name matches one, by 2015 P-code.

    A name is looked up among the 2021 communes of the same cercle, and a match is kept only when
    it is the single unclaimed candidate. In `split_regions`, regions created after 2015 from
    cercles that were split, the lookup then widens to the whole region. The cercle of a 2021
    commune is read from its P-code, because the 3W-derived table's cercle column is wrong for a
    few rows. Elsewhere a same-name commune in another cercle is not matched: some 3W rows carry
    2015 P-codes, so such a match cannot be distinguished from a coding error.
    """
    by_cercle: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_region: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in communes_2021:
        code = row["admin3_pcode"]
        for name in {row["commune"], strip_roman_suffix(row["commune"])}:
            by_cercle[(code[:6], normalise_name(name))].append(code)
            by_region[(code[:4], normalise_name(name))].append(code)

    matches: dict[str, str] = {}
    claimed: set[str] = set()
    for index in (by_cercle, by_region):
        for row in communes_2015:
            if row["admin3Pcod"] in matches:
                continue
            cercle = cercle_2021_by_2015[row["admin2Pcod"]]
            if index is by_region and cercle[:4] not in split_regions:
                continue
            scope = cercle if index is by_cercle else cercle[:4]
            candidates = [
                code
                for code in dict.fromkeys(index.get((scope, normalise_name(row["admin3Name"])), []))
                if code not in claimed
            ]
            if len(candidates) == 1:
                matches[row["admin3Pcod"]] = candidates[0]
                claimed.add(candidates[0])
    return matches


# Sectors


def build_sectors(source: Path, output: Path, report: BuildReport) -> None:
    presence = read_csv(source / "ngos_mali" / "mali_3w_dec2023_presence.csv")
    clusters = Counter(row["cluster"].strip() for row in presence if row["cluster"].strip())
    known = {spec.cluster_label for spec in SECTORS if spec.cluster_label}
    unknown = sorted(set(clusters) - known)
    if unknown:
        raise SourceDataError(
            f"3W clusters missing from SECTORS: {unknown}. Add a SectorSpec for each."
        )
    rows = [
        (spec.slug, spec.name, spec.name_en, spec.kind, position)
        for position, spec in enumerate(SECTORS, start=1)
    ]
    report.add(
        "sectors: %d (%d clusters of the 3W: %s)",
        len(rows),
        len(clusters),
        ", ".join(f"{name}={count}" for name, count in clusters.most_common()),
    )
    write_csv(output / "sectors.csv", ["slug", "name", "name_en", "kind", "position"], rows)


# ISCO-08 groups


def build_isco_groups(source: Path, output: Path, report: BuildReport) -> set[str]:
    """Write the ISCO-08 groups and return their codes."""
    folder = source / "esco_fr"
    french = {
        row["code"]: row["preferredLabel"].strip() for row in read_csv(folder / "ISCOGroups_fr.csv")
    }
    english = {
        row["code"]: row["preferredLabel"].strip() for row in read_csv(folder / "ISCOGroups_en.csv")
    }
    if french.keys() != english.keys():
        raise SourceDataError("ISCOGroups_fr.csv and ISCOGroups_en.csv list different codes.")
    # A group's parent is its code less the last digit.
    rows = sorted((code, code[:-1], french[code], english[code]) for code in french)
    orphans = [row[0] for row in rows if row[1] and row[1] not in french]
    if orphans:
        raise SourceDataError(f"ISCO-08 groups without their parent group: {orphans}")
    report.add("ISCO-08 groups: %d", len(rows))
    write_csv(output / "isco_groups.csv", ["code", "parent", "name", "name_en"], rows)
    return set(french)


# ROME occupations and skills


def split_gender_forms(label: str) -> list[str]:
    """Return the masculine and feminine forms of a ROME label such as "Agent / Agente de tri".

    The ROME writes the two forms of the leading words around " / " and the rest once, after
    the feminine form. A label without exactly one " / " is returned as it is.
    """
    parts = label.split(" / ")
    if len(parts) != 2:
        return [label]
    masculine_words = parts[0].split()
    feminine_words = parts[1].split()
    masculine = " ".join(masculine_words + feminine_words[len(masculine_words) :])
    return [masculine, parts[1]]


def normalise_job_label(label: str) -> str:
    """Return `label` without bracketed acronyms such as "(IDE)" or "-DRH-", normalised."""
    label = re.sub(r"\([^)]*\)", " ", label)
    label = re.sub(r"-[A-Z]{2,}-", " ", label)
    return normalise_name(label)


def index_esco_labels(source: Path) -> dict[str, set[str]]:
    """Return the ISCO-08 groups of the ESCO occupations, by normalised French label.

    Each preferred and alternative label counts, and so does each side of "masculin/féminin".
    """
    groups_by_label: dict[str, set[str]] = defaultdict(set)
    for row in read_csv(source / "esco_fr" / "occupations_fr.csv"):
        labels = [row["preferredLabel"], *row["altLabels"].split("\n")]
        for label in labels:
            for form in [label, *label.split("/")]:
                key = normalise_job_label(form)
                if key:
                    groups_by_label[key].add(row["iscoGroup"].strip())
    return groups_by_label


def derive_isco_group(
    labels: list[tuple[str, float]], groups_by_label: dict[str, set[str]]
) -> tuple[str, float] | None:
    """Return the ISCO-08 group that most `labels` point to, with its share of the votes.

    Each (label, weight) gives its weight to the ESCO groups its forms match, split evenly
    between them. Returns None when nothing matches or two groups tie.
    """
    votes: Counter[str] = Counter()
    for label, weight in labels:
        groups: set[str] = set()
        for form in split_gender_forms(label):
            groups |= groups_by_label.get(normalise_job_label(form), set())
        for group in groups:
            votes[group] += weight / len(groups)
    if not votes:
        return None
    ranking = votes.most_common(2)
    if len(ranking) == 2 and ranking[0][1] == ranking[1][1]:
        return None
    group, score = ranking[0]
    return group, score / sum(votes.values())


def read_definitions(path: Path) -> dict[str, str]:
    """Return each ROME fiche's definition, its sentences joined by line breaks."""
    sentences: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for row in read_csv(path):
        if row["libelle_type_texte"] == "definition":
            # The export doubles apostrophes, as in "l''entretien".
            text = row["libelle_texte"].replace("''", "'").strip()
            sentences[row["code_rome"]].append((int(row["position_phrase"]), text))
    return {code: "\n".join(text for _, text in sorted(items)) for code, items in sentences.items()}


def build_rome(source: Path, output: Path, isco_codes: set[str], report: BuildReport) -> None:
    folder = source / "rome_v4"
    fiches = read_csv(folder / "unix_referentiel_code_rome_v460_utf8.csv")
    domains = {row["code_rome"]: row for row in read_csv(folder / "unix_cr_gd_dp_v460_utf8.csv")}
    titles = read_csv(folder / "unix_referentiel_appellation_v460_utf8.csv")
    competences = read_csv(folder / "unix_referentiel_competence_v460_utf8.csv")
    knowledge = read_csv(folder / "unix_referentiel_savoir_v460_utf8.csv")
    links = read_csv(folder / "unix_liens_rome_referentiels_v460_utf8.csv")
    definitions = read_definitions(folder / "unix_texte_v460_utf8.csv")

    # Occupations, with the ISCO-08 group derived from ESCO's labels: the fiche's own title
    # weighs twice as much as each of its job titles.
    title_labels: dict[str, list[str]] = defaultdict(list)
    for row in titles:
        title_labels[row["code_rome"]].append(row["libelle_appellation_long"])
    groups_by_label = index_esco_labels(source)
    occupation_rows = []
    derived = 0
    for row in fiches:
        code = row["code_rome"]
        domain = domains.get(code)
        if domain is None:
            raise SourceDataError(f"ROME fiche {code} has no grand domaine row.")
        labels = [(row["libelle_rome"], 2.0)] + [(label, 1.0) for label in title_labels[code]]
        match = derive_isco_group(labels, groups_by_label)
        isco = ""
        if match and match[1] >= ISCO_MIN_VOTE_SHARE and match[0] in isco_codes:
            isco = match[0]
            derived += 1
        occupation_rows.append(
            (
                code,
                row["libelle_rome"].strip(),
                domain["code_grand_domaine"],
                domain["libelle_grand_domaine"].strip(),
                domain["code_domaine_professionel"],
                domain["libelle_domaine_professionel"].strip(),
                isco,
                int(bool(isco)),
                definitions.get(code, ""),
            )
        )
    report.add(
        "occupations: %d, %d with a derived ISCO-08 group (%.0f %%)",
        len(occupation_rows),
        derived,
        100 * derived / len(occupation_rows),
    )

    fiche_codes = {row["code_rome"] for row in fiches}
    title_rows = []
    for row in titles:
        if row["code_rome"] not in fiche_codes:
            raise SourceDataError(
                f"Job title {row['code_ogr']} names unknown fiche {row['code_rome']}."
            )
        title_rows.append(
            (
                row["code_ogr"],
                row["code_rome"],
                row["libelle_appellation_long"].strip(),
                row["libelle_appellation_court"].strip(),
                int(row["classification"] == "PRINCIPALE"),
                int(row["peu_usite"] == "O"),
            )
        )
    report.add("occupation titles: %d", len(title_rows))

    # Skills: the competences and the items of knowledge share one OGR code space.
    skill_rows = [
        (
            row["code_ogr"],
            ROME_NATURES[row["nature"]],
            row["libelle_competence"].strip(),
            row["cat_comp"].strip(),
        )
        for row in competences
    ] + [
        (
            row["code_ogr_savoir"],
            "knowledge",
            row["libelle_savoir"].strip(),
            row["categorie_savoir"].strip(),
        )
        for row in knowledge
    ]
    skill_codes = {row[0] for row in skill_rows}
    if len(skill_codes) != len(skill_rows):
        raise SourceDataError("A competence and an item of knowledge share an OGR code.")
    report.add(
        "skills: %d (%d competences, %d items of knowledge)",
        len(skill_rows),
        len(competences),
        len(knowledge),
    )

    link_rows = []
    for row in links:
        if row["code_compo_bloc"] != ROME_SKILLS_BLOCK:
            continue
        if row["code_ogr"] not in skill_codes or row["code_rome"] not in fiche_codes:
            raise SourceDataError(f"Skill link to unknown code: {row}")
        link_rows.append((row["code_rome"], row["code_ogr"], ROME_SECTIONS[row["code_rubrique"]]))
    report.add("occupation-skill links: %d", len(link_rows))

    write_csv(
        output / "occupations.csv.gz",
        [
            "code",
            "name",
            "grand_domain_code",
            "grand_domain",
            "domain_code",
            "domain",
            "isco_group",
            "isco_group_is_derived",
            "definition",
        ],
        sorted(occupation_rows),
    )
    write_csv(
        output / "occupation_titles.csv.gz",
        ["code", "occupation", "name", "short_name", "is_main", "is_rare"],
        sorted(title_rows, key=sort_by_number),
    )
    write_csv(
        output / "skills.csv.gz",
        ["code", "kind", "name", "category"],
        sorted(skill_rows, key=sort_by_number),
    )
    write_csv(
        output / "occupation_skills.csv.gz",
        ["occupation", "skill", "section"],
        sorted(link_rows, key=lambda row: (row[0], int(row[1]))),
    )


def sort_by_number(row: tuple[object, ...]) -> int:
    return int(str(row[0]))


# Entry point


def build(source: Path, output: Path) -> BuildReport:
    """Write every shipped data file from the sources in `source` into `output`."""
    if not source.is_dir():
        raise SourceDataError(f"Source folder not found: {source}")
    output.mkdir(parents=True, exist_ok=True)
    report = BuildReport()
    build_admin(source, output, report)
    build_sectors(source, output, report)
    isco_codes = build_isco_groups(source, output, report)
    build_rome(source, output, isco_codes, report)
    return report


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Build the reference-data files that Job Cluster ships."
    )
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        default=DEFAULT_SOURCE_DIR,
        help="folder of the source files (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT_DIR,
        help="folder the shipped files are written to (default: %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        report = build(arguments.source, arguments.output)
    except SourceDataError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for line in report.lines:
        print(line)
    for path in sorted(arguments.output.glob("*.csv*")):
        print(f"{path.name}: {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
