"""约谈 pages."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courts.policy import leads_court, supervises
from haikou_exec.views import RestrictedDetailView
from supervision import forms, selectors
from supervision.choices import TalkStatus
from supervision.filtersets import DirectorTalkFilterSet
from supervision.models import DirectorTalk
from supervision.services import talks as service
from supervision.tables import DirectorTalkTable
from supervision.views.base import ListView, ObjectActionView, SupervisingFormView, int_param


class TalkListView(ListView):
    model = DirectorTalk
    table_class = DirectorTalkTable
    filterset_class = DirectorTalkFilterSet
    title = gettext_lazy("Talks with directors (约谈)")
    create_url_name = "supervision:talk_create"
    create_label = gettext_lazy("Summon a director")

    def select_queryset(self, queryset):
        return selectors.talk_list(queryset)


class TalkDetailView(RestrictedDetailView):
    model = DirectorTalk
    template_name = "supervision/talk_detail.html"

    def select_queryset(self, queryset):
        return queryset.select_related("court", "director", "supervision_case")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        talk, user = self.object, self.request.user
        ctx["can_record"] = talk.status == TalkStatus.SCHEDULED and supervises(user)
        ctx["can_follow_up"] = talk.status == TalkStatus.HELD and (
            supervises(user) or leads_court(user, talk.court_id)
        )
        return ctx


class TalkCreateView(SupervisingFormView):
    form_class = forms.TalkForm
    title = gettext_lazy("Summon a director for a talk (约谈)")

    def get_initial(self):
        initial = super().get_initial()
        director = self.request.GET.get("director")
        if director:
            initial["director"] = director
        return initial

    def perform(self, form):
        d = form.cleaned_data
        return service.schedule_talk(
            user=self.request.user,
            director_id=d["director"].pk,
            reason=d["reason"],
            scheduled_on=d["scheduled_on"],
            supervision_case_id=int_param(self.request, "supervision_case"),
        )

    def get_cancel_url(self):
        return "/supervision/talks/"

    @property
    def success_message(self):
        return _("%(ref)s scheduled; the director is notified.") % {"ref": self.result.reference}


class TalkRecordView(ObjectActionView):
    model = DirectorTalk
    form_class = forms.TalkRecordForm
    title = gettext_lazy("Record the talk")
    success_message = gettext_lazy("The talk was recorded.")

    def perform(self, form):
        return service.record_talk(
            user=self.request.user, talk_id=self.object.pk, **form.cleaned_data
        )


class TalkFollowUpView(ObjectActionView):
    model = DirectorTalk
    form_class = forms.FollowUpForm
    title = gettext_lazy("Record the follow-up")
    success_message = gettext_lazy("The follow-up was recorded.")

    def perform(self, form):
        return service.record_follow_up(
            user=self.request.user, talk_id=self.object.pk, **form.cleaned_data
        )


class TalkCancelView(ObjectActionView):
    model = DirectorTalk
    form_class = forms.ReasonForm
    title = gettext_lazy("Cancel the talk")
    success_message = gettext_lazy("The talk was cancelled.")

    def perform(self, form):
        return service.cancel_talk(
            user=self.request.user, talk_id=self.object.pk, reason=form.cleaned_data["reason"]
        )
