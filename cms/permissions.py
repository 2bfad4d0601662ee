"""
Who edits which pages in the Wagtail admin, with Wagtail's own group page permissions.

NGO members post through a trimmed Wagtail admin rather than through a separate front-end form.
Wagtail then supplies revisions, previews, scheduled publishing, the moderation workflow and the
audit log, and its page editor works on a phone. `cms.wagtail_hooks` hides the admin menus that
NGO members have no use for. The rules:

- Admin access comes from `accounts.roles.ROLE_DJANGO_PERMISSIONS`, so job seekers never get in.
- Each organisation page has its own group, whose members are the organisation's members and
  which holds the add and change permissions on that page and every page under it. Organisations
  that editors mark trusted also get the publish permission there, so their pages go live without
  review. Signals on `Membership` keep the group in step with the organisation.
- The editors group holds add, change, publish, lock and unlock on the whole tree. Its members are
  the users with the editor platform role, kept in step by a signal on the user model.
- Pages under the NGO directory follow the "Relecture par les éditeurs" workflow: one group
  approval task that the editors group reviews.

Groups, rather than a custom Wagtail permission policy, keep every rule visible in Wagtail's own
group screens and rely only on Wagtail's documented permission model.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowTask

from accounts.roles import Role, roles_of

if TYPE_CHECKING:
    from accounts.models import User
    from organisations.models import Organisation

    from .models import OrganisationPage

logger = logging.getLogger(__name__)

EDITORS_GROUP_NAME = "Éditeurs Job Cluster"
REVIEW_WORKFLOW_NAME = "Relecture par les éditeurs"
REVIEW_TASK_NAME = "Relecture par un éditeur"
EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
MEMBER_PAGE_PERMISSIONS = ("add_page", "change_page")
TRUSTED_PAGE_PERMISSIONS = ("publish_page",)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _grant(group: Group, page: Page, codenames: tuple[str, ...]) -> None:
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_page_permission(codename)
        )


def ensure_editors_group() -> Group:
    """Return the editors group, creating it and its permissions on the whole tree if missing."""
    group, _created = Group.objects.get_or_create(name=EDITORS_GROUP_NAME)
    root = Page.get_first_root_node()
    if root is not None:
        _grant(group, root, EDITOR_PAGE_PERMISSIONS)
    return group


def ensure_review_workflow() -> Workflow:
    """Return the editors' review workflow, creating it with its one approval task if missing."""
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK_NAME)
    task.groups.add(ensure_editors_group())
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def sync_editor(user: User) -> None:
    """Put `user` in the editors group exactly when they hold the editor role."""
    if Role.EDITOR in roles_of(user):
        user.groups.add(ensure_editors_group())
    else:
        user.groups.through.objects.filter(user=user, group__name=EDITORS_GROUP_NAME).delete()


def ensure_members_group(page: OrganisationPage) -> Group:
    """Return the group of the organisation's members, creating it and its permissions if missing.

    The group's users become exactly the organisation's members, and its publish permission
    follows `page.is_trusted`.
    """
    with transaction.atomic():
        group = page.members_group
        if group is None:
            group, _created = Group.objects.get_or_create(name=f"ONG n°{page.organisation_id}")
            page.members_group = group
            type(page).objects.filter(pk=page.pk).update(members_group=group)

        _grant(group, page, MEMBER_PAGE_PERMISSIONS)
        if page.is_trusted:
            _grant(group, page, TRUSTED_PAGE_PERMISSIONS)
        else:
            GroupPagePermission.objects.filter(
                group=group, page=page, permission__codename__in=TRUSTED_PAGE_PERMISSIONS
            ).delete()

        group.user_set.set(
            page.organisation.memberships.values_list("user_id", flat=True), clear=False
        )
    return group


def sync_membership(user: User, organisation: Organisation) -> None:
    """Put `user` in the group of `organisation`'s page exactly when they are one of its members."""
    from .models import OrganisationPage

    page = OrganisationPage.objects.filter(organisation=organisation).first()
    if page is None or page.members_group is None:
        return
    if organisation.memberships.filter(user=user).exists():
        user.groups.add(page.members_group)
    else:
        user.groups.remove(page.members_group)
    logger.info(
        "Organisation group synced: organisation=%s user=%s group=%s",
        organisation.pk,
        user.pk,
        page.members_group_id,
    )
