from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.roles import Permission, can
from organisations.models import Organisation

from . import services, spreadsheets
from .completeness import completeness
from .exceptions import DeclarationInvalid, DeclarationLocked, ImportFailed, RegistryError
from .forms import (
    DeclarationCreationForm,
    ImportForm,
    ReturnForm,
    StaffLineFormSet,
    TotalsForm,
    TrainingLineFormSet,
    lines_of,
)
from .lines import STAFF_FIELDS, TRAINING_FIELDS
from .models import Declaration


def _declaration_for(request: HttpRequest, pk: int, *, write: bool = False) -> Declaration:
    """Return declaration `pk` if the user may read it, or change it when `write` is set.

    Users who neither file nor review declarations get a 403. Those who file for other
    organisations get a 404, so that they cannot tell which declarations exist. Analysts may read
    every declaration and get a 403 when they try to change one.
    """
    declaration = get_object_or_404(Declaration.objects.select_related("organisation"), pk=pk)
    if can(request.user, Permission.FILE_DECLARATION, declaration.organisation):
        return declaration
    if services.can_review(request.user):
        if write:
            raise PermissionDenied
        return declaration
    if not can(request.user, Permission.FILE_DECLARATION):
        raise PermissionDenied
    raise Http404


def _organisations_filed_by(request: HttpRequest):
    ids = [
        membership.organisation_id
        for membership in request.user.memberships.select_related("organisation")
        if can(request.user, Permission.FILE_DECLARATION, membership.organisation)
    ]
    return Organisation.objects.filter(pk__in=ids).order_by("name")


# Organisation side


@login_required
def my_declarations(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Permission.FILE_DECLARATION):
        if services.can_review(request.user):
            return redirect("registry:queue")
        raise PermissionDenied
    return render(
        request,
        "registry/my_declarations.html",
        {"declarations": services.declarations_of(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not can(request.user, Permission.FILE_DECLARATION):
        raise PermissionDenied

    form = DeclarationCreationForm(
        request.POST or None, organisations=_organisations_filed_by(request)
    )
    if request.method == "POST" and form.is_valid():
        try:
            declaration = services.create_declaration(
                request.user, form.cleaned_data["organisation"], form.cleaned_data["year"]
            )
        except RegistryError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("La déclaration est créée en brouillon."))
            return redirect("registry:edit", pk=declaration.pk)

    return render(request, "registry/create.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk)
    can_file = can(request.user, Permission.FILE_DECLARATION, declaration.organisation)
    return render(
        request,
        "registry/detail.html",
        {
            "declaration": declaration,
            "staff_lines": declaration.staff_lines.all(),
            "training_lines": declaration.training_lines.all(),
            "events": declaration.events.select_related("actor")[:30],
            "can_file": can_file,
            "can_review": services.can_review(request.user),
            "published": services.published_declaration(
                declaration.organisation, declaration.period
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk, write=True)
    if request.method == "GET" and not declaration.is_editable:
        messages.error(request, DeclarationLocked().message)
        return redirect("registry:detail", pk=declaration.pk)

    data = request.POST if request.method == "POST" else None
    totals_form = TotalsForm(data, initial=TotalsForm.initial_of(declaration))
    staff_formset = StaffLineFormSet(
        data,
        prefix="personnel",
        initial=list(declaration.staff_lines.values(*STAFF_FIELDS)),
    )
    training_formset = TrainingLineFormSet(
        data,
        prefix="formations",
        initial=list(declaration.training_lines.values(*TRAINING_FIELDS)),
    )
    errors: list[str] = []
    if request.method == "POST":
        if totals_form.is_valid() and staff_formset.is_valid() and training_formset.is_valid():
            try:
                services.update_declaration(
                    request.user,
                    declaration,
                    totals_form.to_totals(),
                    lines_of(staff_formset),
                    lines_of(training_formset),
                )
            except DeclarationInvalid as exc:
                errors = exc.errors
            except RegistryError as exc:
                messages.error(request, exc.message)
                return redirect("registry:detail", pk=declaration.pk)
            else:
                messages.success(request, _("La déclaration est enregistrée."))
                return redirect("registry:detail", pk=declaration.pk)
        else:
            errors = [_("Le formulaire contient des erreurs : corrigez les champs signalés.")]

    return render(
        request,
        "registry/edit.html",
        {
            "declaration": declaration,
            "totals_form": totals_form,
            "staff_formset": staff_formset,
            "training_formset": training_formset,
            "errors": errors,
        },
    )


@login_required
def download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk)
    return _attachment(
        spreadsheets.build_workbook(declaration),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"declaration-{declaration.period}-v{declaration.version}.xlsx",
    )


@login_required
def download_csv(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk)
    return _attachment(
        spreadsheets.build_csv_archive(declaration),
        "application/zip",
        f"declaration-{declaration.period}-v{declaration.version}-csv.zip",
    )


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def import_lines(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk, write=True)

    form = ImportForm(request.POST or None, request.FILES or None)
    issues: list[str] = []
    error = ""
    if request.method == "POST" and form.is_valid():
        uploaded = form.cleaned_data["file"]
        try:
            parsed = services.import_file(request.user, declaration, uploaded.name, uploaded.read())
        except ImportFailed as exc:
            error = exc.message
            issues = [str(issue) for issue in exc.issues]
        except RegistryError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _(
                    "Le fichier est importé : %(staff)s lignes de personnel, "
                    "%(training)s lignes de formation."
                )
                % {
                    "staff": len(parsed.staff_lines or []),
                    "training": len(parsed.training_lines or []),
                },
            )
            return redirect("registry:detail", pk=declaration.pk)

    return render(
        request,
        "registry/import.html",
        {"declaration": declaration, "form": form, "error": error, "issues": issues},
        status=400 if error else 200,
    )


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk, write=True)
    try:
        services.submit_declaration(request.user, declaration)
    except DeclarationInvalid as exc:
        messages.error(request, exc.message)
        for error in exc.errors:
            messages.error(request, error)
    except RegistryError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("La déclaration est soumise à l’observatoire."))
    return redirect("registry:detail", pk=declaration.pk)


@login_required
@require_POST
def new_version(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration_for(request, pk, write=True)
    try:
        new = services.start_new_version(request.user, declaration)
    except RegistryError as exc:
        messages.error(request, exc.message)
        return redirect("registry:detail", pk=declaration.pk)
    messages.success(
        request,
        _("La version %(version)s est ouverte en brouillon ; la version validée reste publiée.")
        % {"version": new.version},
    )
    return redirect("registry:edit", pk=new.pk)


# Observatory side


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/queue.html",
        {"declarations": services.submitted_declarations(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    if not services.can_review(request.user):
        raise PermissionDenied
    declaration = get_object_or_404(Declaration.objects.select_related("organisation"), pk=pk)

    return_form = ReturnForm(request.POST if request.POST.get("action") == "return" else None)
    error = ""
    if request.method == "POST":
        try:
            if request.POST.get("action") == "validate":
                services.validate_declaration(request.user, declaration)
                messages.success(request, _("La déclaration est validée."))
                return redirect("registry:queue")
            if return_form.is_valid():
                services.return_declaration(
                    request.user, declaration, return_form.cleaned_data["comments"]
                )
                messages.success(request, _("La déclaration est renvoyée à l’ONG."))
                return redirect("registry:queue")
        except RegistryError as exc:
            error = exc.message

    return render(
        request,
        "registry/review.html",
        {
            "declaration": declaration,
            "staff_lines": declaration.staff_lines.all(),
            "training_lines": declaration.training_lines.all(),
            "return_form": return_form,
            "error": error,
            "events": declaration.events.select_related("actor")[:30],
        },
    )


@login_required
def completeness_report(request: HttpRequest) -> HttpResponse:
    if not services.can_review(request.user):
        raise PermissionDenied
    default_year = timezone.localdate().year - 1
    try:
        year = int(request.GET.get("annee", default_year))
    except ValueError:
        year = default_year
    if not services.FIRST_YEAR <= year <= default_year + 1:
        year = default_year
    return render(request, "registry/completeness.html", {"report": completeness(year)})
