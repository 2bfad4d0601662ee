from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from accounts.roles import Permission, can


class VerificationQueueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return can(request.user, Permission.VERIFY_ORGANISATIONS)


@hooks.register("register_admin_menu_item")
def register_verification_queue_menu_item() -> MenuItem:
    return VerificationQueueMenuItem(
        _("Organisations à vérifier"),
        reverse("organisations:verification_queue"),
        icon_name="group",
        order=250,
    )
