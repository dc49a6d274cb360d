from django.urls import path

from command_center.views import affairs, command, dashboard, home, opinion, queries, records

app_name = "command_center"
pk = "<int:pk>/"
urlpatterns = [
    path("jobs/", home.BackgroundJobListView.as_view(), name="job_list"),
    path("jobs/<int:pk>/", home.BackgroundJobDetailView.as_view(), name="job_detail"),
    path("notifications/", home.NotificationListView.as_view(), name="notification_list"),
    path(
        "notifications/read/", home.MarkNotificationsReadView.as_view(), name="notifications_read"
    ),
    # Dashboards
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/screen/", dashboard.ScreenView.as_view(), name="dashboard_screen"),
    # Affairs-centre task queues
    path("tasks/", affairs.TaskListView.as_view(), name="task_list"),
    path("tasks/send/", affairs.TaskSendView.as_view(), name="task_send"),
    path("tasks/workload/", affairs.WorkloadView.as_view(), name="task_workload"),
    path("tasks/" + pk, affairs.TaskDetailView.as_view(), name="task_detail"),
    path("tasks/" + pk + "claim/", affairs.TaskClaimView.as_view(), name="task_claim"),
    path("tasks/" + pk + "release/", affairs.TaskReleaseView.as_view(), name="task_release"),
    path("tasks/" + pk + "complete/", affairs.TaskCompleteView.as_view(), name="task_complete"),
    path("tasks/" + pk + "return/", affairs.TaskReturnView.as_view(), name="task_return"),
    path("tasks/" + pk + "resend/", affairs.TaskResendView.as_view(), name="task_resend"),
    path("tasks/" + pk + "cancel/", affairs.TaskCancelView.as_view(), name="task_cancel"),
    path("tasks/" + pk + "query/", affairs.TaskQueryView.as_view(), name="task_query"),
    # Online property query and control, freezes, 终本 re-queries
    path("queries/", queries.AssetQueryListView.as_view(), name="query_list"),
    path("queries/new/", queries.QueryBatchView.as_view(), name="query_new"),
    path("queries/" + pk, queries.AssetQueryDetailView.as_view(), name="query_detail"),
    path("freezes/", queries.FreezeRequestListView.as_view(), name="freeze_list"),
    path("freezes/new/", queries.FreezeNewView.as_view(), name="freeze_new"),
    path("freezes/" + pk, queries.FreezeRequestDetailView.as_view(), name="freeze_detail"),
    path("requeries/", queries.RequeryRoundListView.as_view(), name="requery_list"),
    path("requeries/" + pk, queries.RequeryRoundDetailView.as_view(), name="requery_detail"),
    # Command
    path("directives/", command.DirectiveListView.as_view(), name="directive_list"),
    path("directives/new/", command.DirectiveNewView.as_view(), name="directive_new"),
    path("directives/" + pk, command.DirectiveDetailView.as_view(), name="directive_detail"),
    path(
        "directives/" + pk + "close/", command.DirectiveCloseView.as_view(), name="directive_close"
    ),
    path("feedback/", command.RecipientListView.as_view(), name="recipient_list"),
    path("feedback/" + pk, command.RecipientDetailView.as_view(), name="recipient_detail"),
    path(
        "feedback/" + pk + "acknowledge/",
        command.RecipientAcknowledgeView.as_view(),
        name="recipient_acknowledge",
    ),
    path(
        "feedback/" + pk + "report/", command.RecipientReportView.as_view(), name="recipient_report"
    ),
    path("operations/", command.OperationListView.as_view(), name="operation_list"),
    path("operations/new/", command.OperationNewView.as_view(), name="operation_new"),
    path("operations/" + pk, command.OperationDetailView.as_view(), name="operation_detail"),
    path(
        "operations/" + pk + "status/",
        command.OperationStatusView.as_view(),
        name="operation_status",
    ),
    path(
        "operations/" + pk + "bureaus/add/",
        command.OperationParticipantAddView.as_view(),
        name="operation_participant_add",
    ),
    path("operation-parts/", command.ParticipantListView.as_view(), name="participant_list"),
    path(
        "operation-parts/" + pk, command.ParticipantDetailView.as_view(), name="participant_detail"
    ),
    path(
        "operation-parts/" + pk + "assign/",
        command.ParticipantAssignView.as_view(),
        name="participant_assign",
    ),
    path(
        "operation-parts/" + pk + "results/",
        command.ParticipantResultsView.as_view(),
        name="participant_results",
    ),
    path("consultations/", records.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", records.ConsultationNewView.as_view(), name="consultation_new"),
    path(
        "consultations/" + pk, records.ConsultationDetailView.as_view(), name="consultation_detail"
    ),
    path("field-records/", records.FieldRecordListView.as_view(), name="field_record_list"),
    path("field-records/new/", records.FieldRecordNewView.as_view(), name="field_record_new"),
    path(
        "field-records/" + pk, records.FieldRecordDetailView.as_view(), name="field_record_detail"
    ),
    path(
        "field-records/" + pk + "attach/",
        records.FieldRecordAttachView.as_view(),
        name="field_record_attach",
    ),
    path("attachments/" + pk, records.AttachmentDownloadView.as_view(), name="attachment_download"),
    path("dispatch/", records.DispatchListView.as_view(), name="dispatch_list"),
    path("dispatch/new/", records.DispatchNewView.as_view(), name="dispatch_new"),
    path("dispatch/" + pk, records.DispatchDetailView.as_view(), name="dispatch_detail"),
    path(
        "dispatch/" + pk + "update/", records.DispatchUpdateView.as_view(), name="dispatch_update"
    ),
    # Public opinion and outsourcing
    path("opinion/", opinion.OpinionListView.as_view(), name="opinion_list"),
    path("opinion/new/", opinion.OpinionNewView.as_view(), name="opinion_new"),
    path("opinion/" + pk, opinion.OpinionDetailView.as_view(), name="opinion_detail"),
    path("opinion/" + pk + "handle/", opinion.OpinionHandleView.as_view(), name="opinion_handle"),
    path("institutions/", opinion.InstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", opinion.InstitutionNewView.as_view(), name="institution_new"),
    path("institutions/" + pk, opinion.InstitutionDetailView.as_view(), name="institution_detail"),
    path("outsourced/", opinion.OutsourcedListView.as_view(), name="outsourced_list"),
    path("outsourced/new/", opinion.OutsourcedNewView.as_view(), name="outsourced_new"),
    path("outsourced/" + pk, opinion.OutsourcedDetailView.as_view(), name="outsourced_detail"),
    path(
        "outsourced/" + pk + "deliver/",
        opinion.OutsourcedDeliverView.as_view(),
        name="outsourced_deliver",
    ),
    path(
        "outsourced/" + pk + "decide/",
        opinion.OutsourcedDecideView.as_view(),
        name="outsourced_decide",
    ),
    path(
        "outsourced/" + pk + "cancel/",
        opinion.OutsourcedCancelView.as_view(),
        name="outsourced_cancel",
    ),
]
