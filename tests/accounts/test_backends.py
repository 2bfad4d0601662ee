import pytest

from accounts.backends import RolePermissionBackend
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_editor_gets_wagtail_admin_access():
    editor = UserFactory(editor=True)

    assert editor.has_perm("wagtailadmin.access_admin")


@pytest.mark.parametrize("traits", [{"seeker": True}, {"analyst": True}])
def test_other_roles_lack_wagtail_admin_access(traits):
    user = UserFactory(**traits)

    assert not user.has_perm("wagtailadmin.access_admin")


def test_backend_ignores_object_permissions():
    editor = UserFactory(editor=True)

    assert RolePermissionBackend().get_all_permissions(editor, obj=editor) == set()


def test_backend_ignores_inactive_users():
    editor = UserFactory(editor=True, is_active=False)

    assert not RolePermissionBackend().has_perm(editor, "wagtailadmin.access_admin")
