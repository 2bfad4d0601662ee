"""Signals that other apps listen to, so that organisations need not import them."""

from django.dispatch import Signal

# Sent inside the verification's transaction, with `organisation` and `user` (the editor).
organisation_verified = Signal()
