"""Keep the Wagtail groups and organisation pages in step with accounts and organisations."""

from django.conf import settings
from django.db.models.signals import post_delete, post_migrate, post_save
from django.dispatch import receiver

from organisations.models import Membership
from organisations.signals import organisation_verified

from . import permissions, services


@receiver(organisation_verified)
def create_organisation_page(sender, organisation, **kwargs):
    services.ensure_organisation_page(organisation)


@receiver(post_save, sender=Membership)
@receiver(post_delete, sender=Membership)
def sync_membership(sender, instance, raw=False, **kwargs):
    # Rows loaded as they are (fixtures, a test database's restore) bring their groups along.
    if not raw:
        permissions.sync_membership(instance.user, instance.organisation)


@receiver(post_save, sender=settings.AUTH_USER_MODEL)
def sync_editor(sender, instance, raw=False, **kwargs):
    if not raw:
        permissions.sync_editor(instance)


def create_review_workflow(sender, **kwargs):
    """Create the editors group and review workflow once the tables they need exist."""
    permissions.ensure_review_workflow()


def connect_post_migrate(app_config):
    post_migrate.connect(create_review_workflow, sender=app_config)
