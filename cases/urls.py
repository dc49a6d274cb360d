from django.urls import path

from cases.views import cases as v
from cases.views import dossier, funds

app_name = "cases"

case = "<int:case_id>/"
urlpatterns = [
    path("", v.CaseListView.as_view(), name="case_list"),
    path("file/", v.CaseFileView.as_view(), name="case_file"),
    path("<int:pk>/", v.CaseDetailView.as_view(), name="case_detail"),
    path(case + "parties/add/", v.PartyAddView.as_view(), name="party_add"),
    path(case + "assign/", v.AssignView.as_view(), name="case_assign"),
    path(case + "assign/auto/", v.AutoAssignView.as_view(), name="case_auto_assign"),
    path(case + "pause/", v.PauseView.as_view(), name="case_pause"),
    path(case + "resume-clock/", v.ResumeView.as_view(), name="case_resume_clock"),
    path(
        case + "nodes/<int:node_id>/complete/", v.NodeCompleteView.as_view(), name="node_complete"
    ),
    path(
        case + "nodes/<int:node_id>/extend/", v.ExtensionRequestView.as_view(), name="node_extend"
    ),
    path(
        case + "extensions/<int:extension_id>/decide/",
        v.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path(case + "measures/add/", v.MeasureAddView.as_view(), name="measure_add"),
    path(
        case + "measures/<int:measure_id>/renew/",
        v.MeasureRenewView.as_view(),
        name="measure_renew",
    ),
    path(
        case + "measures/<int:measure_id>/release/",
        v.MeasureReleaseView.as_view(),
        name="measure_release",
    ),
    path(
        case + "measures/<int:measure_id>/auction/",
        v.AuctionScheduleView.as_view(),
        name="auction_schedule",
    ),
    path(
        case + "auctions/<int:round_id>/result/",
        v.AuctionResultView.as_view(),
        name="auction_result",
    ),
    path(case + "findings/add/", v.FindingAddView.as_view(), name="finding_add"),
    path(case + "investigations/add/", v.InvestigationAddView.as_view(), name="investigation_add"),
    path(case + "interview/", v.InterviewView.as_view(), name="interview_add"),
    path(case + "close/", v.CloseView.as_view(), name="case_close"),
    path(
        case + "resume-enforcement/",
        v.ResumeEnforcementView.as_view(),
        name="case_resume_enforcement",
    ),
    path("deadlines/", v.DeadlineListView.as_view(), name="deadline_list"),
    path("measures/register/", v.MeasureRegisterView.as_view(), name="measure_register"),
    path("workload/", v.WorkloadView.as_view(), name="workload"),
    # Case funds (执行案款)
    path(case + "funds/receipt/", funds.ReceiptView.as_view(), name="funds_receipt"),
    path(case + "funds/refund/", funds.RefundView.as_view(), name="funds_refund"),
    path(
        case + "funds/disbursements/request/",
        funds.DisbursementRequestView.as_view(),
        name="funds_disbursement_request",
    ),
    path(
        case + "funds/disbursements/<int:request_id>/decide/",
        funds.DisbursementDecideView.as_view(),
        name="funds_disbursement_decide",
    ),
    path("funds/", funds.ReconciliationView.as_view(), name="funds_reconciliation"),
    path("funds/entries/", funds.LedgerEntryListView.as_view(), name="funds_entries"),
    path("funds/accounts/", funds.CaseAccountListView.as_view(), name="funds_accounts"),
    path(
        "funds/disbursements/",
        funds.DisbursementRequestListView.as_view(),
        name="funds_disbursements",
    ),
    path("funds/undisbursed/", funds.UndisbursedFundsView.as_view(), name="funds_undisbursed"),
    # Electronic dossier (电子卷宗) and generated documents
    path(case + "dossier/upload/", dossier.DossierUploadView.as_view(), name="dossier_upload"),
    path("dossier/<int:pk>/", dossier.DossierDownloadView.as_view(), name="dossier_download"),
    path(
        case + "documents/generate/",
        dossier.DocumentGenerateView.as_view(),
        name="document_generate",
    ),
]
