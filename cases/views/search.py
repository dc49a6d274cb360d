"""The header's search box: /search/?q= (issue 16; cases/search.py reads the query)."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from cases.search import RESULTS_PER_SECTION, search_everything


class SearchView(LoginRequiredMixin, TemplateView):
    template_name = "cases/search.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        raw = (self.request.GET.get("q") or "").strip()[:100]
        ctx.update(search_everything(self.request.user, raw))
        ctx["q"] = raw
        ctx["title"] = _("Search")
        ctx["per_section"] = RESULTS_PER_SECTION
        return ctx
