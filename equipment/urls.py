from django.urls import path

from equipment.views import compliance, dashboard, inspections, inventory

app_name = "equipment"
urlpatterns = [
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    path("courts/<int:pk>/", dashboard.CourtDashboardView.as_view(), name="court_dashboard"),
    # inventory
    path("items/", inventory.ItemListView.as_view(), name="item_list"),
    path("items/new/", inventory.ItemCreateView.as_view(), name="item_create"),
    path("items/import/", inventory.ImportView.as_view(), name="item_import"),
    path(
        "items/import/template.xlsx", inventory.ImportTemplateView.as_view(), name="import_template"
    ),
    path("items/<int:pk>/", inventory.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/edit/", inventory.ItemUpdateView.as_view(), name="item_update"),
    path("items/<int:pk>/status/", inventory.ItemStatusView.as_view(), name="item_status"),
    path("items/<int:pk>/assign/", inventory.ItemAssignView.as_view(), name="item_assign"),
    path("items/<int:pk>/return/", inventory.ItemReturnView.as_view(), name="item_return"),
    path("assignments/", inventory.AssignmentListView.as_view(), name="assignment_list"),
    # standards and compliance
    path("standards/", compliance.StandardListView.as_view(), name="standard_list"),
    path("standards/new/", compliance.StandardCreateView.as_view(), name="standard_create"),
    path("standards/<int:pk>/", compliance.StandardDetailView.as_view(), name="standard_detail"),
    path(
        "standards/<int:pk>/edit/", compliance.StandardUpdateView.as_view(), name="standard_update"
    ),
    path("scores/", compliance.ScoreListView.as_view(), name="score_list"),
    path("scores/<int:pk>/", compliance.ScoreDetailView.as_view(), name="score_detail"),
    path(
        "courts/<int:court_pk>/recompute/",
        compliance.ScoreRecomputeView.as_view(),
        name="score_recompute",
    ),
    # inspections
    path("inspections/", inspections.InspectionListView.as_view(), name="inspection_list"),
    path(
        "inspections/new/", inspections.InspectionScheduleView.as_view(), name="inspection_schedule"
    ),
    path(
        "inspections/<int:pk>/",
        inspections.InspectionDetailView.as_view(),
        name="inspection_detail",
    ),
    path(
        "inspections/<int:pk>/results/",
        inspections.InspectionResultsView.as_view(),
        name="inspection_results",
    ),
    path(
        "inspections/<int:pk>/cancel/",
        inspections.InspectionCancelView.as_view(),
        name="inspection_cancel",
    ),
    path(
        "inspections/<int:pk>/report/",
        inspections.RectificationReportView.as_view(),
        name="rectification_report",
    ),
    path(
        "inspections/<int:pk>/review/",
        inspections.RectificationReviewView.as_view(),
        name="rectification_review",
    ),
    path(
        "inspections/<int:pk>/photos/new/",
        inspections.InspectionPhotoUploadView.as_view(),
        name="inspection_photo_add",
    ),
    path(
        "photos/<int:pk>/", inspections.InspectionPhotoFileView.as_view(), name="inspection_photo"
    ),
]
