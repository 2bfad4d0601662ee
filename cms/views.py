from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from . import services
from .exceptions import TooManyReports
from .forms import OfferReportForm
from .models.opportunities import OpportunityPage


@require_http_methods(["GET", "POST"])
def report(request, page_id):
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not isinstance(page.specific, OpportunityPage):
        raise Http404
    page = page.specific

    form = OfferReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_offer(
                page,
                form.cleaned_data["reason"],
                form.cleaned_data["message"],
                client_ip=get_adapter(request).get_client_ip(request),
            )
        except TooManyReports as error:
            form.add_error(None, error.message)
            return TemplateResponse(
                request, "cms/report.html", {"page": page, "form": form}, status=429
            )
        messages.success(request, _("Merci : les éditeurs vont examiner votre signalement."))
        return redirect(page.get_url(request))
    return TemplateResponse(request, "cms/report.html", {"page": page, "form": form})
