from django import forms
from django.utils.translation import gettext_lazy as _

from .models import OfferReport


class OfferReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Pourquoi signalez-vous cette page ?"),
        choices=OfferReport.Reason.choices,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Précisions (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Ne donnez pas d’informations personnelles."),
    )
