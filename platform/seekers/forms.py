"""Forms of the seekers' pages: the profile with its lists, applying, and reviewing."""

from __future__ import annotations

import logging

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from cms.time import bamako_today
from organisations.models import Organisation
from referential.models import Cercle, Occupation, Region, Skill

from .choices import ApplicationStatus, EducationLevel, Language, RejectionReason, Visibility
from .cv import check_cv
from .exceptions import InvalidCv
from .models import (
    CompletedTraining,
    Consent,
    Experience,
    SeekerLanguage,
    SeekerProfile,
    SeekerSkill,
)
from .profiles import check_date_of_birth

logger = logging.getLogger(__name__)


class CvField(forms.FileField):
    """A file field that accepts only a plain PDF of at most 5 MB (see `cv.check_cv`)."""

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if value and value is not initial and hasattr(value, "size"):
            try:
                check_cv(value)
            except InvalidCv as exc:
                logger.info("CV rejected: size=%s reason=%s", value.size, type(exc).__name__)
                raise forms.ValidationError(exc.message, code="invalid_cv") from None
        return value


class ProfileForm(forms.ModelForm):
    cv = CvField(
        label=_("CV (PDF)"),
        required=False,
        help_text=_("Un fichier PDF de 5 Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    class Meta:
        model = SeekerProfile
        fields = [
            "region",
            "cercle",
            "commune",
            "date_of_birth",
            "sex",
            "nationality",
            "education_level",
            "desired_occupations",
            "desired_sectors",
            "mobility",
            "availability",
            "visibility",
            "cv",
        ]
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "visibility": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].required = True
        self.fields["region"].required = True
        self.fields["nationality"].widget.attrs.update({"maxlength": 2, "autocomplete": "off"})

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        error = check_date_of_birth(born)
        if error:
            logger.info("Profile rejected, invalid date of birth: profile=%s", self.instance.pk)
            raise forms.ValidationError(error)
        return born

    def clean_nationality(self):
        code = self.cleaned_data["nationality"].strip().upper()
        if len(code) != 2 or not code.isalpha():
            raise forms.ValidationError(
                _("Indiquez le code pays à deux lettres, par exemple ML pour le Mali.")
            )
        return code

    def clean(self):
        cleaned = super().clean()
        region, cercle, commune = (cleaned.get(k) for k in ("region", "cercle", "commune"))
        if cercle is not None and region is not None and cercle.region_id != region.pk:
            self.add_error("cercle", _("Ce cercle n’est pas dans la région choisie."))
        if commune is not None and cercle is not None and commune.cercle_id != cercle.pk:
            self.add_error("commune", _("Cette commune n’est pas dans le cercle choisi."))
        return cleaned


class SeekerLanguageForm(forms.ModelForm):
    class Meta:
        model = SeekerLanguage
        fields = ["language", "other_name", "spoken", "written"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("language") == Language.OTHER and not cleaned.get("other_name", "").strip():
            self.add_error("other_name", _("Précisez le nom de la langue."))
        return cleaned


class ExperienceForm(forms.ModelForm):
    class Meta:
        model = Experience
        fields = ["title", "employer", "start_date", "end_date", "description"]
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La date de fin précède la date de début."))
        return cleaned


class CompletedTrainingForm(forms.ModelForm):
    class Meta:
        model = CompletedTraining
        fields = ["training", "title", "organisation_name", "year"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("training") is None and not cleaned.get("title", "").strip():
            self.add_error(
                "title",
                _("Choisissez une formation de la plateforme ou écrivez son intitulé."),
            )
        return cleaned


SkillFormSet = inlineformset_factory(
    SeekerProfile, SeekerSkill, fields=["skill", "level"], extra=1, can_delete=True
)
LanguageFormSet = inlineformset_factory(
    SeekerProfile, SeekerLanguage, form=SeekerLanguageForm, extra=1, can_delete=True
)
ExperienceFormSet = inlineformset_factory(
    SeekerProfile, Experience, form=ExperienceForm, extra=1, can_delete=True
)
TrainingFormSet = inlineformset_factory(
    SeekerProfile, CompletedTraining, form=CompletedTrainingForm, extra=1, can_delete=True
)

FORMSETS = [
    ("skills", SkillFormSet, _("Compétences")),
    ("languages", LanguageFormSet, _("Langues")),
    ("experiences", ExperienceFormSet, _("Expériences")),
    ("trainings", TrainingFormSet, _("Formations suivies")),
]


class ApplicationForm(forms.Form):
    message = forms.CharField(
        label=_("Message à l’ONG"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    cv = CvField(
        label=_("Nouveau CV (PDF)"),
        required=False,
        help_text=_("Laissez vide pour envoyer le CV de votre profil."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Nouveau statut"),
        choices=[
            (value, label)
            for value, label in ApplicationStatus.choices
            if value
            in {
                ApplicationStatus.IN_REVIEW,
                ApplicationStatus.SHORTLISTED,
                ApplicationStatus.INTERVIEW,
                ApplicationStatus.HIRED,
                ApplicationStatus.REJECTED,
            }
        ],
    )
    reason = forms.ChoiceField(
        label=_("Motif du refus"),
        required=False,
        choices=[("", "—"), *RejectionReason.choices],
    )


# Counsellor mode


class CounsellorConsentForm(forms.Form):
    """The visibility a counselled seeker chose, and how and when they gave that consent."""

    visibility = forms.ChoiceField(
        label=_("Qui peut voir le profil"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    method = forms.ChoiceField(
        label=_("Comment le chercheur a donné son accord"),
        choices=[(value, label) for value, label in Consent.Method.choices if value != "online"],
        widget=forms.RadioSelect,
    )
    given_on = forms.DateField(
        label=_("Date de l’accord"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    note = forms.CharField(
        label=_("Précision"),
        required=False,
        max_length=200,
        help_text=_("Par exemple l’endroit où le formulaire signé est classé."),
    )

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > bamako_today():
            raise forms.ValidationError(_("La date de l’accord ne peut pas être dans le futur."))
        return given_on


class SeekerRegistrationForm(CounsellorConsentForm):
    """A seeker without phone or e-mail, registered by a counsellor with their consent."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    organisation = forms.ModelChoiceField(
        label=_("Organisation qui accompagne le chercheur"), queryset=Organisation.objects.none()
    )
    field_order = ["first_name", "last_name", "organisation", "visibility", "method", "given_on"]

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            pk__in=[organisation.pk for organisation in organisations]
        )
        if len(organisations) == 1:
            self.fields["organisation"].initial = organisations[0].pk


class CounsellorProfileForm(ProfileForm):
    """The profile form without the visibility, which counsellors set with the consent form."""

    class Meta(ProfileForm.Meta):
        fields = [name for name in ProfileForm.Meta.fields if name != "visibility"]


class CounsellorApplicationForm(ApplicationForm):
    message = forms.CharField(
        label=_("Message à l’ONG, écrit avec le chercheur"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


# NGOs finding seekers


class SeekerSearchForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Région"), queryset=Region.objects.order_by("name"), required=False
    )
    cercle = forms.ModelChoiceField(
        label=_("Cercle"), queryset=Cercle.objects.order_by("name"), required=False
    )
    occupation = forms.ModelChoiceField(
        label=_("Métier recherché"), queryset=Occupation.objects.order_by("name"), required=False
    )
    skill = forms.ModelChoiceField(
        label=_("Compétence"), queryset=Skill.objects.order_by("name"), required=False
    )
    education_level = forms.ChoiceField(
        label=_("Niveau d’études"), choices=[("", "—"), *EducationLevel.choices], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The taxonomy holds thousands of occupations and skills: list those of the profiles
        # that can be found, the only ones a filter can match.
        from .discovery import searchable_profiles

        found = searchable_profiles()
        self.fields["occupation"].queryset = Occupation.objects.filter(
            pk__in=found.values("desired_occupations")
        ).order_by("name")
        self.fields["skill"].queryset = Skill.objects.filter(
            pk__in=found.values("skills__skill")
        ).order_by("name")
