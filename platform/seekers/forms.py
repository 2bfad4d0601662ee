"""Forms of the seekers' pages: the profile with its lists, applying, and reviewing."""

from __future__ import annotations

import logging

from django import forms
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cms.time import bamako_today
from organisations.models import Organisation
from referential.models import Cercle, Occupation, Region, Skill
from referential.ordering import NameOrderedChoiceField

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
from .skill_input import SkillNameField

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


class CvInput(forms.ClearableFileInput):
    """The CV file input: a stored CV links to its private download view, never to MEDIA_URL."""

    template_name = "seekers/widgets/cv_input.html"
    download_url = ""

    def is_initial(self, value) -> bool:
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["download_url"] = self.download_url
        return context


class ProfileForm(forms.ModelForm):
    cv = CvField(
        label=_("CV (PDF)"),
        required=False,
        help_text=_("Un fichier PDF de 5 Mo au plus."),
        widget=CvInput(attrs={"accept": "application/pdf"}),
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
        field_classes = {
            "region": NameOrderedChoiceField,
            "cercle": NameOrderedChoiceField,
            "commune": NameOrderedChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].required = True
        self.fields["region"].required = True
        self.fields["nationality"].widget.attrs.update({"maxlength": 2, "autocomplete": "off"})
        self.fields["cv"].widget.download_url = self.cv_download_url()

    def cv_download_url(self) -> str:
        """Return the address of the private view that serves this profile's stored CV."""
        return reverse("seekers:cv")

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


class SeekerSkillForm(forms.ModelForm):
    """A skill row: the skill typed by name (see `skill_input`) and the seeker's level."""

    skill = SkillNameField(
        label=_("Compétence"),
        help_text=_("Écrivez le nom de la compétence, par exemple « soudure »."),
    )

    class Meta:
        model = SeekerSkill
        fields = ["skill", "level"]


class ProfileRowsFormSet(BaseInlineFormSet):
    """A list of the profile whose duplicate-row error speaks French instead of naming a field.

    Django's own message inserts the model field name ("skill"), untranslated.
    """

    duplicate_message = _("Une ligne figure deux fois : supprimez le doublon.")

    def get_unique_error_message(self, unique_check):
        return self.duplicate_message


class SkillRowsFormSet(ProfileRowsFormSet):
    duplicate_message = _(
        "Une compétence figure deux fois dans la liste : gardez une seule ligne par compétence."
    )


class LanguageRowsFormSet(ProfileRowsFormSet):
    """The languages, each at most once.

    The model has no unique constraint, so this formset is the only check.
    """

    duplicate_message = _(
        "Une langue figure deux fois dans la liste : gardez une seule ligne par langue."
    )

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            language = form.cleaned_data.get("language")
            if not language:
                continue
            other_name = form.cleaned_data.get("other_name", "").strip().casefold()
            key = (language, other_name if language == Language.OTHER else "")
            if key in seen:
                raise forms.ValidationError(self.duplicate_message, code="unique")
            seen.add(key)


SkillFormSet = inlineformset_factory(
    SeekerProfile,
    SeekerSkill,
    form=SeekerSkillForm,
    formset=SkillRowsFormSet,
    extra=1,
    can_delete=True,
)
LanguageFormSet = inlineformset_factory(
    SeekerProfile,
    SeekerLanguage,
    form=SeekerLanguageForm,
    formset=LanguageRowsFormSet,
    extra=1,
    can_delete=True,
)
ExperienceFormSet = inlineformset_factory(
    SeekerProfile,
    Experience,
    form=ExperienceForm,
    formset=ProfileRowsFormSet,
    extra=1,
    can_delete=True,
)
TrainingFormSet = inlineformset_factory(
    SeekerProfile,
    CompletedTraining,
    form=CompletedTrainingForm,
    formset=ProfileRowsFormSet,
    extra=1,
    can_delete=True,
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
    """The next status of an application, among the moves allowed from its current one."""

    status = forms.ChoiceField(label=_("Nouveau statut"))
    reason = forms.ChoiceField(
        label=_("Motif du refus"),
        required=False,
        choices=[("", "—"), *RejectionReason.choices],
    )

    def __init__(self, *args, allowed: list[str], current: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ApplicationStatus.choices)
        if current == ApplicationStatus.HIRED:
            labels[ApplicationStatus.INTERVIEW] = _("Entretien (annuler l’embauche)")
        # No status is preselected, so submitting without a choice changes nothing.
        self.fields["status"].choices = [
            ("", _("Choisissez le nouveau statut")),
            *[(status, labels[status]) for status in allowed],
        ]


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

    def cv_download_url(self) -> str:
        return reverse("counselling:cv", args=[self.instance.user_id])


class CounsellorApplicationForm(ApplicationForm):
    message = forms.CharField(
        label=_("Message à l’ONG, écrit avec le chercheur"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


# NGOs finding seekers


class SeekerSearchForm(forms.Form):
    region = NameOrderedChoiceField(label=_("Région"), queryset=Region.objects, required=False)
    cercle = NameOrderedChoiceField(label=_("Cercle"), queryset=Cercle.objects, required=False)
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
