"""Queue recommendation updates once a profile or an offer change has been committed."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.models import OfferPage
from seekers.models import CompletedTraining, Experience, SeekerLanguage, SeekerProfile, SeekerSkill

from . import tasks


def _queue_seeker(profile_id: int | None) -> None:
    if profile_id is not None:
        transaction.on_commit(partial(tasks.refresh_seeker.delay, profile_id))


@receiver(post_save, sender=SeekerProfile)
def profile_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _queue_seeker(instance.pk)


@receiver(post_save, sender=SeekerSkill)
@receiver(post_delete, sender=SeekerSkill)
@receiver(post_save, sender=SeekerLanguage)
@receiver(post_delete, sender=SeekerLanguage)
@receiver(post_save, sender=Experience)
@receiver(post_delete, sender=Experience)
@receiver(post_save, sender=CompletedTraining)
@receiver(post_delete, sender=CompletedTraining)
def profile_part_changed(sender, instance, raw=False, **kwargs):
    # A deleted profile cascades to its parts; its recommendations go with it.
    if not raw and SeekerProfile.objects.filter(pk=instance.profile_id).exists():
        _queue_seeker(instance.profile_id)


@receiver(m2m_changed, sender=SeekerProfile.desired_occupations.through)
@receiver(m2m_changed, sender=SeekerProfile.desired_sectors.through)
def profile_wishes_changed(sender, instance, action, reverse, **kwargs):
    if not reverse and action in ("post_add", "post_remove", "post_clear"):
        _queue_seeker(instance.pk)


@receiver(page_published)
@receiver(page_unpublished)
def offer_published_or_unpublished(sender, instance, **kwargs):
    # Expiry unpublishes the page too, so it arrives here as well.
    if isinstance(instance, OfferPage) or getattr(instance, "specific_class", None) is OfferPage:
        transaction.on_commit(partial(tasks.refresh_offer.delay, instance.pk))
