"""The public portal (/public/, no login)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from command_center.forms import PortalForm
from command_center.services import portal
from haikou_exec.client import client_ip


@method_decorator([csrf_exempt, never_cache], name="dispatch")
class PublicPortalView(View):
    """No login, no session, no CSRF token in the page (so that two answers to
    two failed lookups are byte-for-byte the same). It only reads, and is
    throttled per client address."""

    template_name = "command_center/public/portal.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PortalForm()})

    def post(self, request):
        allowed, retry_after = portal.throttle(client_ip(request))
        if not allowed:
            response = render(
                request,
                self.template_name,
                {
                    "form": PortalForm(),
                    "error": _(
                        "Too many lookups from your address. Try again in %(minutes)d minutes."
                    )
                    % {"minutes": max(1, (retry_after + 59) // 60)},
                },
                status=429,
            )
            response["Retry-After"] = str(retry_after)
            return response
        form = PortalForm(request.POST)
        case = None
        error = _(
            "No case matches this case number and query code. Check both against the enforcement notice."
        )
        if form.is_valid():
            try:
                case = portal.find_case(
                    form.cleaned_data["case_number"], form.cleaned_data["query_code"]
                )
            except ValidationError:
                error = _(
                    "Write the case number as on the notice, for example （2026）琼0106执1234号."
                )
        if case is None:
            # The same page for a wrong code and an unknown number: nothing the
            # visitor typed is echoed back.
            return render(request, self.template_name, {"form": PortalForm(), "error": error})
        return render(
            request,
            "command_center/public/progress.html",
            {"progress": portal.public_progress(case)},
        )
