from django.contrib.auth.backends import BaseBackend

from .roles import django_permissions_of


class RolePermissionBackend(BaseBackend):
    """Grant the Django permissions listed for the user's roles in `accounts.roles`.

    It authenticates no user and only answers permission checks, so that the Wagtail admin and
    the Django admin obey the same role table as the rest of the platform.
    """

    def get_all_permissions(self, user_obj, obj=None):
        if obj is not None or not user_obj.is_active or user_obj.is_anonymous:
            return set()
        if not hasattr(user_obj, "_role_permission_cache"):
            user_obj._role_permission_cache = set(django_permissions_of(user_obj))
        return user_obj._role_permission_cache

    def has_perm(self, user_obj, perm, obj=None):
        return perm in self.get_all_permissions(user_obj, obj)
