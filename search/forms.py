"""The form that saves the current search with its alert channel and frequency."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SavedSearch


class SavedSearchForm(forms.Form):
    params = forms.CharField(widget=forms.HiddenInput, required=False, max_length=10_000)
    channel = forms.ChoiceField(
        label=_("Recevoir les alertes par"),
        choices=SavedSearch.Channel.choices,
        initial=SavedSearch.Channel.EMAIL,
        widget=forms.RadioSelect,
    )
    frequency = forms.ChoiceField(
        label=_("Fréquence"),
        choices=SavedSearch.Frequency.choices,
        initial=SavedSearch.Frequency.DAILY,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # SMS is offered only to accounts with a verified phone number.
        if user is None or not (user.phone and user.phone_verified):
            self.fields["channel"].choices = [
                choice for choice in SavedSearch.Channel.choices if choice[0] != "sms"
            ]
