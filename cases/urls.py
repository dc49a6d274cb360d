from django.urls import path

from cases.views import (
    assignment,
    cases,
    closing,
    commission,
    criminal,
    dossier,
    funds,
    measures,
    nodes,
    parties,
    transfers,
)

app_name = "cases"

case = "<int:case_id>/"
urlpatterns = [
    path("", cases.CaseListView.as_view(), name="case_list"),
    path("file/", cases.CaseFileView.as_view(), name="case_file"),
    path(
        "commissions/receive/",
        commission.CommissionReceiveView.as_view(),
        name="commission_receive",
    ),
    path("<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path(case + "parties/add/", parties.PartyAddView.as_view(), name="party_add"),
    path(
        case + "parties/<int:party_id>/correct/",
        parties.PartyCorrectView.as_view(),
        name="party_correct",
    ),
    path(case + "agents/add/", parties.AgentAddView.as_view(), name="agent_add"),
    path(case + "parties/history/", parties.PartyHistoryView.as_view(), name="party_history"),
    path(case + "assign/", assignment.AssignView.as_view(), name="case_assign"),
    path(case + "assign/auto/", assignment.AutoAssignView.as_view(), name="case_auto_assign"),
    path(case + "pause/", nodes.PauseView.as_view(), name="case_pause"),
    path(case + "resume-clock/", nodes.ResumeView.as_view(), name="case_resume_clock"),
    path(
        case + "nodes/<int:node_id>/complete/",
        nodes.NodeCompleteView.as_view(),
        name="node_complete",
    ),
    path(
        case + "nodes/<int:node_id>/extend/",
        nodes.ExtensionRequestView.as_view(),
        name="node_extend",
    ),
    path(
        case + "extensions/<int:extension_id>/decide/",
        nodes.ExtensionDecideView.as_view(),
        name="extension_decide",
    ),
    path(case + "measures/add/", measures.MeasureAddView.as_view(), name="measure_add"),
    path(
        case + "measures/<int:measure_id>/renew/",
        measures.MeasureRenewView.as_view(),
        name="measure_renew",
    ),
    path(
        case + "measures/<int:measure_id>/release/",
        measures.MeasureReleaseView.as_view(),
        name="measure_release",
    ),
    path(
        case + "measures/<int:measure_id>/valuation/",
        measures.ValuationRequestView.as_view(),
        name="valuation_request",
    ),
    path(
        case + "measures/<int:measure_id>/valuation/report/",
        measures.ValuationReportView.as_view(),
        name="valuation_report",
    ),
    path(
        case + "measures/<int:measure_id>/auction/",
        measures.AuctionScheduleView.as_view(),
        name="auction_schedule",
    ),
    path(case + "commission/", commission.CommissionView.as_view(), name="case_commission"),
    path(
        case + "commissions/<int:commission_id>/report/",
        commission.CommissionReportView.as_view(),
        name="commission_report",
    ),
    path(
        case + "commissions/<int:commission_id>/take-back/",
        commission.CommissionTakeBackView.as_view(),
        name="commission_take_back",
    ),
    path(
        case + "measures/<int:measure_id>/dispose/",
        measures.DisposalView.as_view(),
        name="measure_dispose",
    ),
    path(
        case + "auctions/<int:round_id>/result/",
        measures.AuctionResultView.as_view(),
        name="auction_result",
    ),
    path(case + "findings/add/", measures.FindingAddView.as_view(), name="finding_add"),
    path(
        case + "investigations/add/",
        measures.InvestigationAddView.as_view(),
        name="investigation_add",
    ),
    path(case + "interview/", closing.InterviewView.as_view(), name="interview_add"),
    path(
        case + "interview/<int:interview_id>/decide/",
        closing.InterviewDecideView.as_view(),
        name="interview_decide",
    ),
    path(case + "close/", closing.CloseView.as_view(), name="case_close"),
    path(
        case + "resume-enforcement/",
        closing.ResumeEnforcementView.as_view(),
        name="case_resume_enforcement",
    ),
    path("deadlines/", nodes.DeadlineListView.as_view(), name="deadline_list"),
    path("measures/register/", measures.MeasureRegisterView.as_view(), name="measure_register"),
    path("workload/", assignment.WorkloadView.as_view(), name="workload"),
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

# Transfers between courts (提级、交叉、指定执行), suggestions, petitions — DOMAIN.md §3
urlpatterns += [
    path("transfers/", transfers.TransferListView.as_view(), name="transfer_list"),
    path("transfers/new/", transfers.TransferCreateView.as_view(), name="transfer_create"),
    path("transfers/<int:pk>/", transfers.TransferDetailView.as_view(), name="transfer_detail"),
    path(
        "transfers/<int:pk>/decide/", transfers.TransferDecideView.as_view(), name="transfer_decide"
    ),
    path(
        "transfers/<int:pk>/withdraw/",
        transfers.TransferWithdrawView.as_view(),
        name="transfer_withdraw",
    ),
    path(case + "transfer/", transfers.CaseTransferRequestView.as_view(), name="case_transfer"),
    path(case + "petitions/add/", transfers.PetitionAddView.as_view(), name="petition_add"),
    path("suggestions/", transfers.SuggestionListView.as_view(), name="suggestion_list"),
    path(
        "suggestions/refresh/",
        transfers.SuggestionRefreshView.as_view(),
        name="suggestion_refresh",
    ),
    path(
        "suggestions/<int:pk>/", transfers.SuggestionDetailView.as_view(), name="suggestion_detail"
    ),
    path(
        "suggestions/<int:pk>/accept/",
        transfers.SuggestionAcceptView.as_view(),
        name="suggestion_accept",
    ),
    path(
        "suggestions/<int:pk>/dismiss/",
        transfers.SuggestionDismissView.as_view(),
        name="suggestion_dismiss",
    ),
    # Criminal property judgments and 刑更 — DOMAIN.md §4
    path("criminal/", criminal.CriminalJudgmentListView.as_view(), name="criminal_judgment_list"),
    path("criminal/intake/", criminal.CriminalIntakeView.as_view(), name="criminal_intake"),
    path(
        "criminal/<int:pk>/",
        criminal.CriminalJudgmentDetailView.as_view(),
        name="criminal_judgment_detail",
    ),
    path("criminal/<int:pk>/file/", criminal.CriminalFileView.as_view(), name="criminal_file"),
    path(
        "criminal/<int:pk>/allocate/",
        criminal.AllocateReceiptsView.as_view(),
        name="criminal_allocate",
    ),
    path(
        case + "criminal-receipt/", criminal.CriminalReceiptView.as_view(), name="criminal_receipt"
    ),
    path("commutation/", criminal.CommutationListView.as_view(), name="commutation_list"),
    path("commutation/new/", criminal.CommutationCreateView.as_view(), name="commutation_create"),
    path(
        "commutation/<int:pk>/", criminal.CommutationDetailView.as_view(), name="commutation_detail"
    ),
    path("commutation/<int:pk>/link/", criminal.LinkCaseView.as_view(), name="commutation_link"),
    path(
        "commutation/<int:pk>/facts/add/",
        criminal.AbilityFactView.as_view(),
        name="ability_fact_add",
    ),
    path(
        "commutation/<int:pk>/certificate/",
        criminal.CertificateView.as_view(),
        name="commutation_certificate",
    ),
]
