from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from .dashboard import build_dashboard
from .roles import Permission, can


@login_required
def dashboard(request):
    """Show the signed-in user's roles and the pages open to them."""
    if not can(request.user, Permission.VIEW_DASHBOARD):
        raise PermissionDenied
    return render(request, "accounts/dashboard.html", {"dashboard": build_dashboard(request.user)})
