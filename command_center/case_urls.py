"""Command-centre pages reached from a case, mounted under /cases/ beside the case's
own pages (wiring/urls.py): the case page links them by URL name, since
cases does not import the command centre."""

from django.urls import path

from command_center.views import from_case

app_name = "from_case"
case = "<int:case_id>/"
urlpatterns = [
    path(
        case + "property-query/",
        from_case.CasePropertyQueryView.as_view(),
        name="property_query",
    ),
    path(case + "affairs-task/", from_case.CaseAffairsTaskView.as_view(), name="affairs_task"),
]
