"""Base page views: they apply the one restriction point, declare tables and
filters, and show each object's audit history. App views subclass these."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from courts.access import VIEW
from haikou_exec.pagination import EstimatedCountPaginator


class RestrictedQuerysetMixin(LoginRequiredMixin):
    model = None
    action = VIEW

    def get_queryset(self):
        return self.select_queryset(self.model.objects.restrict(self.request.user, self.action))

    def select_queryset(self, queryset):
        """The selector hook: select_related/prefetch_related live here."""
        return queryset


class RestrictedListView(RestrictedQuerysetMixin, SingleTableMixin, FilterView):
    """A filtered, paginated table of the rows the user may see."""

    template_name = "generic/object_list.html"
    # The table paginates (one bounded COUNT, estimated past 10,000 rows); the
    # list view itself must not paginate too.
    paginate_by = None
    table_pagination = {"per_page": 50, "paginator_class": EstimatedCountPaginator}
    title = ""
    # A plain empty state instead of a bare table header (issue 16).
    empty_text = _("Nothing found. Change or clear the filters to see more.")

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        labels_in_the_readers_language(filterset)
        offer_only_visible_choices(filterset, self.request.user)
        return filterset

    def get_table_kwargs(self):
        kwargs = super().get_table_kwargs()
        kwargs.setdefault("empty_text", self.empty_text)
        # A search ranks its exact matches first (cases/search.py): its order stands
        # unless the reader sorts by a column.
        if self.request.GET.get("q") and not self.request.GET.get("sort"):
            kwargs.setdefault("order_by", ())
        return kwargs

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = self.title or self.model._meta.verbose_name_plural
        ctx["model_opts"] = self.model._meta
        return ctx


def labels_in_the_readers_language(filterset) -> None:
    """A filter's label in the reader's language, whoever built the filter first.

    django-filter keeps, on the filterset class's own filters, the form field made
    the first time anyone asked, and an automatic label computed once as a plain
    string. The API schema asks first, with no model bound and in English, so a
    page could show “Tier” and “Status” ever after, depending on what ran first in
    the process. Here each request's copy drops such a field and automatic label,
    and they are made again in the active language; a label a filterset gives stays."""
    from django.conf import settings
    from django.utils import translation
    from django_filters.utils import label_for_filter

    for filter_ in filterset.filters.values():
        filter_.__dict__.pop("_field", None)
        label = filter_._label
        if not isinstance(label, str) or getattr(filter_, "model", None) is None:
            continue  # none yet (computed on use) or given, translatable
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                automatic = label_for_filter(
                    filter_.model, filter_.field_name, filter_.lookup_expr, filter_.exclude
                )
            if label == automatic:
                filter_._label = None
                break


def offer_only_visible_choices(filterset, user) -> None:
    """A filter's select of rows (a bureau, a team, an inspection) offers only the
    rows ``user`` may see, through the one restriction point: a select built from
    ``Meta.fields`` would list every court's. (The court selects restrict themselves,
    courts.filtersets.CourtCodeFilter.)"""
    from django_filters.filters import QuerySetRequestMixin

    for filter_ in filterset.filters.values():
        if not isinstance(filter_, QuerySetRequestMixin):
            continue
        queryset = filter_.get_queryset(filterset.request)
        if queryset is not None and hasattr(queryset, "restrict"):
            filter_.queryset = queryset.restrict(user)


class RestrictedDetailView(RestrictedQuerysetMixin, DetailView):
    """One object; an object outside the user's scope answers 404."""

    template_name = "generic/object_detail.html"
    detail_fields: list[str] = []

    def get_context_data(self, **kwargs):
        import pghistory.models

        ctx = super().get_context_data(**kwargs)
        obj = self.object
        ctx["model_opts"] = obj._meta
        ctx["detail_rows"] = [
            (obj._meta.get_field(name).verbose_name, _display(obj, name))
            for name in self.detail_fields
        ]
        ctx["history"] = (
            pghistory.models.Events.objects.tracks(obj)
            .select_related(None)
            .order_by("-pgh_created_at")[:50]
        )
        return ctx


def _display(obj, name: str):
    getter = getattr(obj, f"get_{name}_display", None)
    return getter() if getter else getattr(obj, name)


def healthz(request):
    from haikou_exec.health import system_health

    report = system_health()
    return JsonResponse(report, status=503 if report["status"] == "down" else 200)
