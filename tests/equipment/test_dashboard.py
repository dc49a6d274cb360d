"""Every figure on the equipment dashboards opens the list behind it, and that
list has as many rows as the figure says (DESIGN.md "Every figure … links")."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from courts.models import Court
from equipment.demo import seed_equipment

API_FOR = {
    reverse("equipment:item_list"): "/api/v1/equipment/",
    reverse("equipment:inspection_list"): "/api/v1/equipment-inspections/",
}


def rows_behind(client, url: str) -> int:
    """The number of rows of the list a dashboard link opens, through the API
    (same FilterSet as the page)."""
    parts = urlsplit(url)
    response = client.get(API_FOR[parts.path] + "?" + parts.query)
    assert response.status_code == 200, url
    return response.json()["count"]


@pytest.mark.django_db
def test_court_dashboard_figures_match_their_lists(org, login):
    seed_equipment(seed=9)
    client = login("xy_director")
    court = Court.objects.get(code="琼0105")
    response = client.get(reverse("equipment:court_dashboard", args=[court.pk]))
    figure = response.context["figure"]
    links = figure["links"]
    assert rows_behind(client, links["all"]) == figure["total"] > 0
    assert rows_behind(client, links["in_service"]) == figure["in_service"]
    assert rows_behind(client, links["counted"]) == figure["counted"]
    assert rows_behind(client, links["ending_soon"]) == figure["ending_soon"]
    assert rows_behind(client, links["open_rectifications"]) == figure["open_rectifications"]
    assert len(figure["lines"]) == 7
    for line in figure["lines"]:
        assert rows_behind(client, line["url"]) == line["in_service"], line["label"]
    for row in figure["by_status"]:
        assert rows_behind(client, row["url"]) == row["n"], row["status"]
    # The stored score is the one the page shows and links to.
    assert figure["score"] is not None
    assert client.get(links["score"]).status_code == 200


@pytest.mark.django_db
def test_city_dashboard_category_totals_match_their_lists(org, login):
    seed_equipment(seed=9)
    client = login("zy_leader")
    response = client.get(reverse("equipment:dashboard"))
    assert len(response.context["figures"]) == 5
    for row in response.context["category_totals"]:
        assert rows_behind(client, row["url"]) == row["in_service"], row["label"]
