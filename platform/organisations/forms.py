from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.phone import PhoneNumberField

from .choices import Region, Sector
from .models import Membership, Organisation, clean_registration_number
from .services import OrganisationDetails


class AccessibleFormMixin:
    """Link each invalid input to its error messages and its help text for screen readers.

    The ids match those that `organisations/includes/field.html` gives the error list and the
    help text.
    """

    def add_error(self, field: str | None, error) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        # Django routes every validation error through add_error, including those the view adds.
        names = [field] if field else []
        if isinstance(error, dict):
            names = list(error)
        elif isinstance(error, forms.ValidationError) and hasattr(error, "error_dict"):
            names = list(error.error_dict)
        for name in names:
            if name in self.fields:  # type: ignore[attr-defined]
                self._describe_errors(name)

    def _describe_errors(self, name: str) -> None:
        bound = self[name]  # type: ignore[index]
        described_by = [f"{bound.auto_id}_errors"]
        if bound.help_text:
            described_by.append(f"{bound.auto_id}_helptext")
        attrs = bound.field.widget.attrs
        attrs["aria-invalid"] = "true"
        attrs["aria-describedby"] = " ".join(described_by)


class OrganisationForm(AccessibleFormMixin, forms.ModelForm):
    """The details an NGO gives when it registers, and edits later."""

    kind = forms.ChoiceField(
        label=_("Type d’ONG"), choices=Organisation.Kind.choices, widget=forms.RadioSelect
    )
    sectors = forms.MultipleChoiceField(
        label=_("Secteurs d’activité"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    regions = forms.MultipleChoiceField(
        label=_("Régions d’intervention"),
        choices=Region.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_phone = PhoneNumberField(label=_("Téléphone de contact"), required=False)
    website = forms.URLField(
        label=_("Site web"), required=False, max_length=200, assume_scheme="https"
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "acronym",
            "registration_number",
            "kind",
            "sectors",
            "regions",
            "contact_email",
            "contact_phone",
            "website",
        ]
        labels = {
            "name": _("Nom de l’organisation"),
            "acronym": _("Sigle"),
            "registration_number": _("Numéro d’enregistrement au ministère"),
            "contact_email": _("E-mail de contact"),
        }

    def clean_registration_number(self) -> str:
        return clean_registration_number(self.cleaned_data["registration_number"])

    def validate_unique(self) -> None:
        # The service checks that the registration number is unique, ignoring whitespace and
        # case. The model's own check would compare the numbers as typed.
        pass

    def to_details(self) -> OrganisationDetails:
        data = self.cleaned_data
        return OrganisationDetails(
            name=data["name"].strip(),
            acronym=data["acronym"].strip(),
            registration_number=data["registration_number"],
            kind=data["kind"],
            sectors=list(data["sectors"]),
            regions=list(data["regions"]),
            contact_email=data["contact_email"].strip().lower(),
            contact_phone=data["contact_phone"],
            website=data["website"],
        )


class InvitationForm(AccessibleFormMixin, forms.Form):
    email = forms.EmailField(
        label=_("Adresse e-mail"),
        required=False,
        # The length of `Invitation.email`, so an over-long address is rejected, not cut.
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    phone = PhoneNumberField(
        label=_("ou numéro de téléphone"),
        required=False,
        help_text=_(
            "Si vous n’indiquez pas d’adresse e-mail, l’invitation est envoyée par SMS à ce "
            "numéro (malien à 8 chiffres, ou international commençant par +)."
        ),
    )
    role = forms.ChoiceField(
        label=_("Rôle"),
        choices=Membership.Role.choices,
        initial=Membership.Role.MEMBER,
        widget=forms.RadioSelect,
    )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("email") and not data.get("phone") and not self.has_error("phone"):
            raise forms.ValidationError(
                _("Indiquez l’adresse e-mail ou le numéro de téléphone de la personne à inviter."),
                code="missing_recipient",
            )
        return data


class RejectionForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        help_text=_("Ce motif est envoyé aux administrateurs de l’ONG par e-mail et par SMS."),
        error_messages={
            "required": _(
                "Indiquez le motif du refus : il sera envoyé aux administrateurs de l’ONG."
            )
        },
    )
