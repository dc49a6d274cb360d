"""Pages of the criminal enforcement bureau (DOMAIN.md §4): the intake of transfer
forms, criminal property judgments with their items and allocations, receipts
allocated in the legal order, 刑更 reviews with linked cases, ability-to-pay facts
and the certificate. Every write goes through cases.services.criminal."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView

from cases.choices import CriminalItemKind, CriminalJudgmentStatus
from cases.filtersets.transfers import CommutationReviewFilterSet, CriminalJudgmentFilterSet
from cases.forms import criminal as forms
from cases.models import (
    CaseNode,
    CommutationReview,
    CriminalJudgment,
    EnforcementCase,
    ReceiptAllocation,
)
from cases.reference_data_criminal import COMMUTATION_CERTIFICATE, CRIMINAL_FILING
from cases.selectors import criminal as selectors
from cases.services import criminal as services
from cases.tables.transfers import CommutationReviewTable, CriminalJudgmentTable
from cases.views.base import CaseActionView
from courts.access import CHANGE, VIEW
from haikou_exec.actions import ActionView
from haikou_exec.errors import apply_validation_error
from haikou_exec.formats import written_date as _day
from haikou_exec.views import RestrictedDetailView, RestrictedListView


class CriminalJudgmentListView(RestrictedListView):
    model = CriminalJudgment
    table_class = CriminalJudgmentTable
    filterset_class = CriminalJudgmentFilterSet
    title = _("Criminal property judgments")
    template_name = "cases/criminal/judgment_list.html"

    def select_queryset(self, queryset):
        return selectors.criminal_judgment_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_intake"] = services.may_work_criminal(self.request.user)
        return ctx


class CriminalJudgmentDetailView(RestrictedDetailView):
    model = CriminalJudgment
    template_name = "cases/criminal/judgment_detail.html"

    def select_queryset(self, queryset):
        return selectors.criminal_judgment_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        judgment, user = self.object, self.request.user
        items = sorted(
            judgment.items.all(),
            key=lambda i: (
                [*CriminalItemKind.payment_order(), CriminalItemKind.ILLICIT_PROPERTY].index(
                    i.kind
                ),
                i.pk,
            ),
        )
        ctx["items"] = items
        ctx["total_amount"] = sum((i.amount for i in items), 0)
        ctx["total_paid"] = sum((i.paid for i in items), 0)
        ctx["filing_due_on"] = services.filing_due_on(judgment)
        ctx["today"] = timezone.localdate()
        ctx["allocations"] = list(
            ReceiptAllocation.objects.filter(item__judgment=judgment)
            .select_related("entry", "item")
            .order_by("entry__occurred_on", "entry_id", "id")
        )
        case = judgment.case
        ctx["case_changeable"] = bool(
            case
            and EnforcementCase.objects.restrict(user, CHANGE).filter(pk=case.pk).exists()
            and not case.is_closed
        )
        ctx["may_file"] = (
            judgment.status == CriminalJudgmentStatus.RECEIVED and services.may_work_criminal(user)
        )
        ctx["file_form"] = forms.FileJudgmentForm() if ctx["may_file"] else None
        ctx["filing_node"] = (
            CaseNode.objects.filter(case=case, definition__code=CRIMINAL_FILING).first()
            if case
            else None
        )
        return ctx


class CriminalIntakeView(LoginRequiredMixin, FormView):
    """Receive the trial department's transfer form (移送执行表)."""

    form_class = forms.TransferFormForm
    template_name = "cases/criminal/intake_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.setdefault("items", forms.JudgmentItemFormSet(prefix="items"))
        ctx["title"] = _("Receive a transfer form (移送执行表)")
        return ctx

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        items = forms.JudgmentItemFormSet(request.POST, prefix="items")
        if not (form.is_valid() and items.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, items=items))
        d = form.cleaned_data
        data = services.TransferFormData(
            judging_court_id=d["judging_court"].pk,
            judgment_number=d["judgment_number"],
            judgment_effective_on=d["judgment_effective_on"],
            convict_name=d["convict_name"],
            convict_id_number=d["convict_id_number"],
            convict_prison=d["convict_prison"],
            crime=d["crime"],
            form_number=d["form_number"],
            received_on=d["received_on"],
            items=[
                services.ItemData(
                    kind=row["kind"],
                    amount=row["amount"],
                    beneficiary_name=row.get("beneficiary_name", ""),
                    description=row.get("description", ""),
                )
                for row in items.cleaned_data
                if row and row.get("kind")
            ],
        )
        try:
            judgment = services.receive_transfer_form(
                user=request.user,
                data=data,
                file_now=d["file_now"],
                filed_on=d["filed_on"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.render_to_response(self.get_context_data(form=form, items=items))
        if judgment.case_id:
            messages.success(
                request,
                _(
                    "Transfer form received and filed as %(case)s at the criminal enforcement bureau."
                )
                % {"case": judgment.case.case_number},
            )
        else:
            messages.success(
                request,
                _("Transfer form received; file it by %(date)s.")
                % {"date": services.filing_due_on(judgment)},
            )
        return redirect(judgment)


class JudgmentObjectMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.object = get_object_or_404(
            CriminalJudgment.objects.restrict(request.user, VIEW).select_related("case"),
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)


class CriminalFileView(JudgmentObjectMixin, FormView):
    form_class = forms.FileJudgmentForm
    template_name = "cases/transfers/transfer_form.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["title"] = _("File the criminal property case")
        ctx["back"] = self.object
        return ctx

    def form_valid(self, form):
        try:
            case = services.file_criminal_judgment(
                user=self.request.user,
                judgment_id=self.object.pk,
                filed_on=form.cleaned_data["filed_on"],
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Filed as %(case)s.") % {"case": case.case_number})
        return redirect(self.object)


class CriminalReceiptView(CaseActionView):
    """A receipt on a criminal property case, allocated in the legal order."""

    form_class = forms.CriminalReceiptForm
    title = _("Record a receipt (allocated in the legal order)")

    def get_case(self):
        case = super().get_case()
        if not case.is_criminal_property:
            from django.http import Http404

            raise Http404
        return case

    def perform(self, form):
        d = form.cleaned_data
        entry, allocations = services.record_criminal_receipt(
            user=self.request.user,
            case_id=self.case.pk,
            amount=d["amount"],
            counterparty=d["counterparty"],
            occurred_on=d["occurred_on"],
            idempotency_key=form.idempotency_key,
            bank_reference=d["bank_reference"],
            note=d["note"],
        )
        messages.success(
            self.request,
            _("Receipt of %(amount)s yuan recorded: %(shares)s")
            % {
                "amount": f"{entry.amount:,.2f}",
                "shares": "；".join(f"{a.item} ← {a.amount:,.2f}" for a in allocations) or "—",
            },
        )
        return entry

    def get_success_url(self):
        judgment = CriminalJudgment.objects.filter(case=self.case).first()
        return judgment.get_absolute_url() if judgment else self.case.get_absolute_url()


class AllocateReceiptsView(JudgmentObjectMixin, View):
    """Allocate receipts recorded elsewhere (the funds page, the API)."""

    def post(self, request, pk):
        case = self.object.case
        if case is None or not (
            EnforcementCase.objects.restrict(request.user, CHANGE).filter(pk=case.pk).exists()
        ):
            messages.error(request, _("Only the handling team or leadership may do this."))
            return redirect(self.object)
        created = services.allocate_receipts(case_id=case.pk)
        messages.success(request, _("%(n)d allocations made.") % {"n": len(created)})
        return redirect(self.object)


# 刑更 ---------------------------------------------------------------------------


class CommutationListView(RestrictedListView):
    model = CommutationReview
    table_class = CommutationReviewTable
    filterset_class = CommutationReviewFilterSet
    title = _("Commutation and parole reviews (刑更)")
    template_name = "cases/criminal/commutation_list.html"

    def select_queryset(self, queryset):
        return selectors.commutation_list(queryset)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_open"] = services.may_work_criminal(self.request.user)
        return ctx


class CommutationDetailView(RestrictedDetailView):
    model = CommutationReview
    template_name = "cases/criminal/commutation_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("case__court")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        review, user = self.object, self.request.user
        ctx["summary"] = selectors.performance_summary(review)
        ctx["links"] = list(review.links.select_related("case__court").order_by("case__filed_on"))
        ctx["facts"] = list(review.facts.select_related("evidence_file"))
        ctx["certificates"] = list(review.certificates.select_related("dossier_file"))
        ctx["certificate_node"] = CaseNode.objects.filter(
            case=review.case, definition__code=COMMUTATION_CERTIFICATE
        ).first()
        ctx["today"] = timezone.localdate()
        ctx["can_change"] = (
            EnforcementCase.objects.restrict(user, CHANGE).filter(pk=review.case_id).exists()
        )
        return ctx


class CommutationCreateView(LoginRequiredMixin, FormView):
    form_class = forms.CommutationForm
    template_name = "cases/transfers/transfer_form.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "title": _("Open a 刑更 review")}

    def form_valid(self, form):
        d = dict(form.cleaned_data)
        filed_on: dt.date = d.pop("filed_on")
        try:
            review = services.open_commutation_review(
                user=self.request.user, data=services.CommutationData(**d), filed_on=filed_on
            )
        except ValidationError as exc:
            apply_validation_error(form, exc)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _(
                "%(case)s filed; %(n)d enforcement cases of the convict linked; the certificate is due on %(due)s."
            )
            % {
                "case": review.case.case_number,
                "n": review.links.count(),
                "due": _day(review.certificate_due_on),
            },
        )
        return redirect(review)


class ReviewActionView(ActionView):
    """A step on a 刑更 review read in the user's view scope (404 otherwise); the
    service re-checks the change right (``lock_review``). Back to the review."""

    model = CommutationReview
    action = VIEW
    template_name = "cases/transfers/transfer_form.html"
    follow_result = False

    def select_object(self, queryset):
        return queryset.select_related("case")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["back"] = self.object
        return ctx


class LinkCaseView(ReviewActionView):
    form_class = forms.LinkCaseForm
    title = _("Link an enforcement case of the convict")
    success_message = _("Case linked.")

    def perform(self, form):
        d = form.cleaned_data
        services.link_case_by_hand(
            user=self.request.user, review_id=self.object.pk, case_number=d["case_number"]
        )


class AbilityFactView(ReviewActionView):
    form_class = forms.AbilityFactForm
    title = _("Record an “able but not paying” fact")
    success_message = _("Fact recorded; it is printed on the certificate.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "review": self.object}

    def perform(self, form):
        d = form.cleaned_data
        services.record_ability_fact(
            user=self.request.user,
            review_id=self.object.pk,
            kind=d["kind"],
            description=d["description"],
            evidence=d["evidence"],
            found_on=d["found_on"],
            amount=d.get("amount"),
            evidence_file_id=d["evidence_file"].pk if d.get("evidence_file") else None,
        )


class CertificateView(ReviewActionView):
    form_class = forms.CertificateForm
    title = _("Issue the certificate of performance status")
    success_message = _("Certificate generated into the dossier.")

    def perform(self, form):
        d = form.cleaned_data
        services.generate_certificate(
            user=self.request.user, review_id=self.object.pk, issued_on=d["issued_on"]
        )
