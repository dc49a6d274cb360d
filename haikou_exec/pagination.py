import json
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connections
from rest_framework import pagination

# The most rows one page may hold, on the pages and in the API alike: `?per_page=`
# and `?page_size=` come from the request, and a page's work must stay bounded.
MAX_PAGE_SIZE = 200


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to ``exact_up_to`` rows and estimates beyond.

    ``COUNT(*)`` over a filter that matches hundreds of thousands of rows reads
    them all; at the design scale it is most of a list's time. Counting a
    ``LIMIT exact_up_to + 1`` subquery is bounded, and past the cap the planner's
    estimate (``EXPLAIN``, no rows read) is as good as a person paging through
    that many rows needs. ``count_is_estimate`` says which one it is."""

    exact_up_to = 10_000
    count_is_estimate = False

    def __init__(self, object_list, per_page, *args, **kwargs):
        # django-tables2 passes the request's ?per_page= as it is.
        per_page = min(max(int(per_page), 1), MAX_PAGE_SIZE)
        super().__init__(object_list, per_page, *args, **kwargs)

    @cached_property
    def count(self) -> int:
        qs = self.object_list
        # django-tables2 paginates its rows: BoundRows → TableQuerysetData → QuerySet.
        table_data = getattr(getattr(qs, "data", None), "data", None)
        if hasattr(table_data, "query"):
            qs = table_data
        if not hasattr(qs, "query"):
            return len(qs)
        capped = qs.order_by().values("pk")[: self.exact_up_to + 1].count()
        if capped <= self.exact_up_to:
            return capped
        self.count_is_estimate = True
        return max(_planner_rows(qs), capped)


def _planner_rows(qs) -> int:
    sql, params = qs.order_by().values("pk").query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=`` as DESIGN.md fixes it; ``?page_size=`` up to 200. ``count`` is
    exact up to 10,000 rows and estimated beyond (``count_is_estimate``)."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    django_paginator_class = EstimatedCountPaginator

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_is_estimate"] = self.page.paginator.count_is_estimate
        return response

    def get_paginated_response_schema(self, schema):
        schema = super().get_paginated_response_schema(schema)
        schema["properties"]["count_is_estimate"] = {"type": "boolean", "example": False}
        return schema
