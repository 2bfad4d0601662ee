"""Queue index updates when opportunity pages are published, unpublished or deleted."""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from cms.models import OfferPage, TrainingPage

from . import tasks


def _is_opportunity(instance) -> bool:
    return isinstance(instance, (OfferPage, TrainingPage)) or getattr(
        instance, "specific_class", None
    ) in (OfferPage, TrainingPage)


@receiver(page_published)
@receiver(page_unpublished)
def queue_index_page(sender, instance, **kwargs):
    # Unpublishing, expiry included, queues the same task: it removes a page that is not live.
    if _is_opportunity(instance):
        transaction.on_commit(partial(tasks.index_page.delay, instance.pk))


@receiver(post_delete, sender=OfferPage)
@receiver(post_delete, sender=TrainingPage)
def queue_remove_page(sender, instance, **kwargs):
    transaction.on_commit(partial(tasks.remove_page.delay, instance.pk))
