"""The registry pages: access per role, the forms, uploads, and crafted requests."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from registry import spreadsheets
from registry.models import Declaration, DeclarationEvent, StaffLine
from tests.accounts.factories import UserFactory
from tests.organisations.factories import MembershipFactory

from .factories import DeclarationFactory, complete

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _edit_data(staff_rows, training_rows=(), **totals):
    data = {
        "staff_total": "5",
        "staff_nationals": "5",
        "staff_expatriates": "0",
        "jobs_created_total": "2",
        "beneficiaries_total": "0",
        **totals,
    }
    for prefix, rows in (("personnel", staff_rows), ("formations", training_rows)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{index}-{name}"] = value
    return data


STAFF_ROW = {
    "category": "formateur",
    "contract_type": "cdi",
    "sex": "M",
    "nationality": "national",
    "age_band": "36+",
    "region": "ML07",
    "project_type": "developpement",
    "funding_source": "etat",
    "staff_at_year_end": "5",
    "jobs_created": "2",
}


def _upload(content: bytes, name: str = "declaration.xlsx"):
    return SimpleUploadedFile(name, content, content_type=XLSX)


# Access


def test_my_declarations_lists_own(client, ngo_admin, declaration):
    other = DeclarationFactory(year=2023)
    client.force_login(ngo_admin)

    response = client.get(reverse("registry:mine"))

    assert response.status_code == 200
    assert list(response.context["declarations"]) == [declaration]
    assert reverse("registry:detail", args=[other.pk]) not in response.content.decode()


def test_seeker_gets_403(client, declaration):
    client.force_login(UserFactory())

    assert client.get(reverse("registry:mine")).status_code == 403
    assert client.get(reverse("registry:detail", args=[declaration.pk])).status_code == 403
    assert client.get(reverse("registry:queue")).status_code == 403


def test_other_organisation_gets_404(client, declaration):
    client.force_login(MembershipFactory(admin=True).user)

    for name in ("detail", "edit", "import", "download_xlsx", "download_csv"):
        response = client.get(reverse(f"registry:{name}", args=[declaration.pk]))
        assert response.status_code == 404, name
    response = client.post(reverse("registry:edit", args=[declaration.pk]), _edit_data([STAFF_ROW]))
    assert response.status_code == 404
    assert not StaffLine.objects.exists()


def test_plain_member_gets_403(client, organisation, declaration):
    client.force_login(MembershipFactory(organisation=organisation).user)

    assert client.get(reverse("registry:detail", args=[declaration.pk])).status_code == 403


def test_analyst_sees_every_declaration(client, analyst, declaration):
    client.force_login(analyst)

    response = client.get(reverse("registry:detail", args=[declaration.pk]))

    assert response.status_code == 200
    assert client.get(reverse("registry:edit", args=[declaration.pk])).status_code == 403


# Organisation pages


def test_create_page_creates_draft(client, ngo_admin, organisation):
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:create"), {"organisation": organisation.pk, "year": "2024"}
    )

    declaration = Declaration.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("registry:edit", args=[declaration.pk])
    assert (declaration.organisation, declaration.year) == (organisation, 2024)


def test_create_page_rejects_other_organisation(client, ngo_admin):
    other = MembershipFactory(admin=True).organisation
    client.force_login(ngo_admin)

    response = client.post(reverse("registry:create"), {"organisation": other.pk, "year": "2024"})

    assert response.status_code == 200
    assert not Declaration.objects.exists()


def test_edit_page_renders_formsets(client, ngo_admin, declaration):
    complete(declaration)
    client.force_login(ngo_admin)

    response = client.get(reverse("registry:edit", args=[declaration.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="personnel-TOTAL_FORMS" value="2"' in content
    assert '<option value="ML05" selected>Mopti</option>' in content
    assert "Ligne de formation 1" in content


def test_edit_page_saves_lines(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.post(reverse("registry:edit", args=[declaration.pk]), _edit_data([STAFF_ROW]))

    assert response.status_code == 302
    line = StaffLine.objects.get(declaration=declaration)
    assert (line.region, line.staff_at_year_end, line.jobs_created) == ("ML07", 5, 2)
    declaration.refresh_from_db()
    assert declaration.declared_staff_total == 5


def test_edit_page_negative_count_shows_error(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:edit", args=[declaration.pk]),
        _edit_data([{**STAFF_ROW, "jobs_created": "-1"}]),
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "Le formulaire contient des erreurs\u00a0: corrigez les champs signalés." in content
    assert "Assurez-vous que cette valeur est supérieure ou égale à 0." in content
    assert not StaffLine.objects.exists()


def test_crafted_post_on_validated_declaration_refused(client, ngo_admin, declaration):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status="validated")
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:edit", args=[declaration.pk]), _edit_data([STAFF_ROW]), follow=True
    )

    assert "Cette déclaration n’est plus modifiable\u00a0: elle est soumise ou validée." in (
        response.content.decode()
    )
    line = StaffLine.objects.get(declaration=declaration)
    assert (line.region, line.staff_at_year_end) == ("ML05", 3)
    declaration.refresh_from_db()
    assert declaration.declared_staff_total == 3
    assert not DeclarationEvent.objects.filter(action="updated").exists()


def test_crafted_import_on_validated_declaration_refused(client, ngo_admin, declaration):
    complete(declaration)
    content = spreadsheets.build_workbook(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status="validated")
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:import", args=[declaration.pk]), {"file": _upload(content)}
    )

    assert response.status_code == 400
    assert "Cette déclaration n’est plus modifiable" in response.content.decode()
    assert not declaration.imported_files.exists()


def test_download_xlsx(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.get(reverse("registry:download_xlsx", args=[declaration.pk]))

    assert response["Content-Type"] == XLSX
    assert response["Content-Disposition"] == 'attachment; filename="declaration-2024-v1.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames[1] == "Personnel"


def test_download_csv_zip(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.get(reverse("registry:download_csv", args=[declaration.pk]))

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="declaration-2024-v1-csv.zip"'


def test_import_page_imports_and_rejects_repeat(client, ngo_admin, declaration):
    complete(declaration)
    content = spreadsheets.build_workbook(declaration)
    client.force_login(ngo_admin)
    url = reverse("registry:import", args=[declaration.pk])

    first = client.post(url, {"file": _upload(content)})
    second = client.post(url, {"file": _upload(content, "encore.xlsx")})

    assert first.status_code == 302
    assert second.status_code == 400
    assert "Ce fichier a déjà été importé pour cette déclaration" in second.content.decode()
    assert StaffLine.objects.filter(declaration=declaration).count() == 1
    assert declaration.imported_files.count() == 1


def test_import_page_lists_issues(client, ngo_admin, declaration):
    client.force_login(ngo_admin)
    content = "Thème;Sexe;Tranche d’âge;Région;Bénéficiaires\r\nÉlevage;Femme;15-24;Gao;douze\r\n"

    response = client.post(
        reverse("registry:import", args=[declaration.pk]),
        {"file": SimpleUploadedFile("formations.csv", content.encode("cp1252"))},
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "Le fichier n’a pas été importé et aucune ligne n’a été enregistrée" in page
    assert (
        "Feuille « formations.csv », ligne 2, colonne « Bénéficiaires »\u00a0: "
        "« douze » n’est pas un nombre."
    ).replace("« ", "«\u00a0").replace(" »", "\u00a0»") in page


def test_import_page_rejects_other_extension(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:import", args=[declaration.pk]),
        {"file": SimpleUploadedFile("notes.txt", b"x")},
    )

    assert "Importez un fichier .xlsx ou .csv." in response.content.decode()


def test_submit_page_shows_errors(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    response = client.post(reverse("registry:submit", args=[declaration.pk]), follow=True)

    content = response.content.decode()
    assert "La déclaration contient des erreurs" in content
    assert "indiquez «\u00a0Dont nationaux\u00a0» (0 s’il n’y en a aucun)." in content
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.DRAFT


def test_submit_page_submits(client, ngo_admin, declaration):
    complete(declaration)
    client.force_login(ngo_admin)

    client.post(reverse("registry:submit", args=[declaration.pk]))

    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_new_version_page(client, ngo_admin, declaration):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status="validated")
    client.force_login(ngo_admin)

    response = client.post(reverse("registry:new_version", args=[declaration.pk]))

    new = Declaration.objects.get(version=2)
    assert response.url == reverse("registry:edit", args=[new.pk])


# Observatory pages


def test_queue_lists_submitted(client, analyst, declaration):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status="submitted")
    DeclarationFactory(year=2023)
    client.force_login(analyst)

    response = client.get(reverse("registry:queue"))

    assert list(response.context["declarations"]) == [declaration]


def test_queue_denied_to_ngo_admin(client, ngo_admin):
    client.force_login(ngo_admin)

    assert client.get(reverse("registry:queue")).status_code == 403


def test_review_validates(client, analyst, declaration):
    complete(declaration)
    Declaration.objects.filter(pk=declaration.pk).update(status="submitted")
    client.force_login(analyst)

    response = client.post(
        reverse("registry:review", args=[declaration.pk]), {"action": "validate"}
    )

    assert response.status_code == 302
    declaration.refresh_from_db()
    assert (declaration.status, declaration.validated_by) == ("validated", analyst)


def test_review_return_needs_comments(client, analyst, declaration):
    Declaration.objects.filter(pk=declaration.pk).update(status="submitted")
    client.force_login(analyst)

    response = client.post(
        reverse("registry:review", args=[declaration.pk]), {"action": "return", "comments": ""}
    )

    assert response.status_code == 200
    assert '<ul class="errors" id="id_comments_errors"><li>Champ requis.</li></ul>' in (
        response.content.decode()
    )
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_review_returns_with_comments(client, analyst, declaration):
    Declaration.objects.filter(pk=declaration.pk).update(status="submitted")
    client.force_login(analyst)

    client.post(
        reverse("registry:review", args=[declaration.pk]),
        {"action": "return", "comments": "Ajoutez les stagiaires."},
    )

    declaration.refresh_from_db()
    assert (declaration.status, declaration.review_comments) == (
        "returned",
        "Ajoutez les stagiaires.",
    )


def test_review_denied_to_ngo_admin(client, ngo_admin, declaration):
    Declaration.objects.filter(pk=declaration.pk).update(status="submitted")
    client.force_login(ngo_admin)

    response = client.post(
        reverse("registry:review", args=[declaration.pk]), {"action": "validate"}
    )

    assert response.status_code == 403
    declaration.refresh_from_db()
    assert declaration.status == Declaration.Status.SUBMITTED


def test_create_and_import_pages_render(client, ngo_admin, declaration):
    client.force_login(ngo_admin)

    create_page = client.get(reverse("registry:create"))
    import_page = client.get(reverse("registry:import", args=[declaration.pk]))
    detail_page = client.get(reverse("registry:detail", args=[declaration.pk]))

    assert create_page.status_code == 200
    assert '<label for="id_year">Année déclarée' in create_page.content.decode()
    assert import_page.status_code == 200
    assert 'enctype="multipart/form-data"' in import_page.content.decode()
    assert "Soumettre à l’observatoire" in detail_page.content.decode()
