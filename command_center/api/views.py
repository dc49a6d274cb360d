"""REST resources of the command centre: ``tasks/`` (the affairs-centre queues)
and ``asset-queries/`` (online property query and control), ``freeze-requests/``,
``notifications/`` (the caller's own)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import pgettext_lazy
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from cases.numbers import normalise_parentheses
from command_center import selectors
from command_center.api.serializers import (
    AffairsTaskSerializer,
    AssetQuerySerializer,
    FreezeRequestCreateSerializer,
    FreezeRequestSerializer,
    NotificationSerializer,
    QueryBatchRequestSerializer,
    QueryBatchSerializer,
    TaskResendSerializer,
    TaskResultSerializer,
    TaskReturnSerializer,
    TaskSendSerializer,
)
from command_center.filtersets import (
    AffairsTaskFilterSet,
    AssetQueryFilterSet,
    FreezeRequestFilterSet,
    NotificationApiFilterSet,
)
from command_center.models import AffairsTask, AssetQuery, FreezeRequest
from command_center.services import affairs, freezes, queries
from courts.access import VIEW
from haikou_exec.api import RestrictedViewSetMixin
from haikou_exec.models import Notification
from haikou_exec.notifications import mark_read


class AffairsTaskViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The task queues. POST sends a task for a case (its team); the centre
    claims, completes or returns it; the team resends or cancels it."""

    description_in_words = pgettext_lazy(
        "API description",
        "The affairs centre's task queues: a team sends a task for a case; the centre claims, completes or returns it; the team resends or cancels it.",
    )

    queryset = AffairsTask.objects.all()
    serializer_class = AffairsTaskSerializer
    filterset_class = AffairsTaskFilterSet

    def get_queryset(self):
        if self.action not in ("list", "retrieve", "create"):
            # Actions read the task within the view scope; each service checks
            # the change scope and the role again.
            return self.select_queryset(AffairsTask.objects.restrict(self.request.user, VIEW))
        return super().get_queryset()

    def select_queryset(self, queryset):
        return selectors.task_list(queryset)

    def _answer(self, task, code=status.HTTP_200_OK):
        task = self.select_queryset(AffairsTask.objects.filter(pk=task.pk)).get()
        return Response(AffairsTaskSerializer(task).data, status=code)

    @extend_schema(request=TaskSendSerializer, responses={201: AffairsTaskSerializer})
    def create(self, request, *args, **kwargs):
        serializer = TaskSendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        task = affairs.send_task(
            user=request.user, case_id=d["case"], kind=d["kind"], instructions=d["instructions"]
        )
        return self._answer(task, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AffairsTaskSerializer)
    @action(name=pgettext_lazy("API action", "claim"), detail=True, methods=["post"])
    def claim(self, request, pk=None):
        return self._answer(affairs.claim_task(user=request.user, task_id=self.get_object().pk))

    @extend_schema(request=None, responses=AffairsTaskSerializer)
    @action(name=pgettext_lazy("API action", "release"), detail=True, methods=["post"])
    def release(self, request, pk=None):
        return self._answer(affairs.release_task(user=request.user, task_id=self.get_object().pk))

    @extend_schema(request=TaskResultSerializer, responses=AffairsTaskSerializer)
    @action(name=pgettext_lazy("API action", "complete"), detail=True, methods=["post"])
    def complete(self, request, pk=None):
        serializer = TaskResultSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = affairs.complete_task(
            user=request.user,
            task_id=self.get_object().pk,
            result=serializer.validated_data["result"],
        )
        return self._answer(task)

    @extend_schema(request=TaskReturnSerializer, responses=AffairsTaskSerializer)
    @action(
        name=pgettext_lazy("API action", "return to team"),
        detail=True,
        methods=["post"],
        url_path="return",
    )
    def return_to_team(self, request, pk=None):
        serializer = TaskReturnSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = affairs.return_task(
            user=request.user,
            task_id=self.get_object().pk,
            reason=serializer.validated_data["reason"],
        )
        return self._answer(task)

    @extend_schema(request=TaskResendSerializer, responses=AffairsTaskSerializer)
    @action(name=pgettext_lazy("API action", "resend"), detail=True, methods=["post"])
    def resend(self, request, pk=None):
        serializer = TaskResendSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        task = affairs.resend_task(
            user=request.user,
            task_id=self.get_object().pk,
            instructions=serializer.validated_data["instructions"],
        )
        return self._answer(task)

    @extend_schema(request=None, responses=AffairsTaskSerializer)
    @action(name=pgettext_lazy("API action", "cancel"), detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        return self._answer(affairs.cancel_task(user=request.user, task_id=self.get_object().pk))


class AssetQueryViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """One row per case and institution queried. POST starts a batch over the
    given cases (ids or numbers) and answers 202 with the batch (a background
    job: poll ``/api/v1/asset-queries/?job=<id>`` or its page for progress)."""

    description_in_words = pgettext_lazy(
        "API description",
        "Property queries, one row per case and institution; POST starts a batch over the given cases, run in the background.",
    )

    queryset = AssetQuery.objects.all()
    serializer_class = AssetQuerySerializer
    filterset_class = AssetQueryFilterSet

    def select_queryset(self, queryset):
        return selectors.asset_query_list(queryset).order_by("-created_at", "id")

    @extend_schema(request=QueryBatchRequestSerializer, responses={202: QueryBatchSerializer})
    def create(self, request, *args, **kwargs):
        serializer = QueryBatchRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        ids = list(d["cases"])
        numbers = [normalise_parentheses(n) for n in d["case_numbers"] if n.strip()]
        if numbers:
            found = dict(
                queries.queryable_cases(request.user)
                .filter(case_number__in=numbers)
                .values_list("case_number", "pk")
            )
            missing = [n for n in numbers if n not in found]
            if missing:
                raise ValidationError({"case_numbers": [f"not found: {'、'.join(missing[:10])}"]})
            ids += list(found.values())
        job = queries.request_property_query(user=request.user, case_ids=ids)
        return Response(QueryBatchSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class FreezeRequestViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Freeze an account found online (``finding``, ``amount``, ``ruling_number``);
    sent through the provider in the background, retried on transient errors."""

    description_in_words = pgettext_lazy(
        "API description",
        "Freeze an account found online; sent through the provider in the background and retried on transient errors.",
    )

    queryset = FreezeRequest.objects.all()
    serializer_class = FreezeRequestSerializer
    filterset_class = FreezeRequestFilterSet

    def select_queryset(self, queryset):
        return queryset.select_related("case__court")

    @extend_schema(request=FreezeRequestCreateSerializer, responses={202: FreezeRequestSerializer})
    def create(self, request, *args, **kwargs):
        serializer = FreezeRequestCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        d = serializer.validated_data
        freeze = freezes.request_freeze(
            user=request.user,
            finding_id=d["finding"],
            amount=d["amount"],
            ruling_number=d["ruling_number"],
        )
        freeze = FreezeRequest.objects.select_related("case__court").get(pk=freeze.pk)
        return Response(FreezeRequestSerializer(freeze).data, status=status.HTTP_202_ACCEPTED)


class NotificationViewSet(
    RestrictedViewSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's own notifications, newest first (``?level=overdue``,
    ``?unread=true``); ``POST …/<id>/read/`` marks one read, ``POST …/read-all/``
    all of them. Another person's notification is a 404, whoever asks."""

    description_in_words = pgettext_lazy(
        "API description", "Your own notifications, newest first; mark one or all of them read."
    )

    queryset = Notification.objects.all()
    serializer_class = NotificationSerializer
    filterset_class = NotificationApiFilterSet

    def get_queryset(self):
        # Reading and marking are both reads of one's own rows: the VIEW scope,
        # and the recipient named explicitly (a superuser's scope is every row).
        user = self.request.user
        return (
            Notification.objects.restrict(user, VIEW)
            .filter(recipient_id=user.pk)
            .order_by("-created_at", "-id")
        )

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(name=pgettext_lazy("API action", "mark read"), detail=True, methods=["post"])
    def read(self, request, pk=None):
        note = self.get_object()
        mark_read(request.user, [note.pk])
        note.refresh_from_db()
        return Response(NotificationSerializer(note).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("NotificationsMarked", {"marked": serializers.IntegerField()}),
    )
    @action(
        name=pgettext_lazy("API action", "mark all read"),
        detail=False,
        methods=["post"],
        url_path="read-all",
    )
    def read_all(self, request):
        return Response({"marked": mark_read(request.user)})
