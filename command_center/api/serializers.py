from rest_framework import serializers

from command_center.choices import AffairsTaskKind
from command_center.models import AffairsTask, AssetQuery, FreezeRequest
from haikou_exec.models import BackgroundJob, Notification
from haikou_exec.notifications import LEVEL_NAMES


class AffairsTaskSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    case_number = serializers.CharField(source="case.case_number", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True)
    claimed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    sent_by = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = AffairsTask
        fields = [
            "id",
            "court",
            "case",
            "case_number",
            "kind",
            "instructions",
            "status",
            "sent_by",
            "sent_team",
            "sent_at",
            "due_at",
            "is_overdue",
            "claimed_by",
            "claimed_at",
            "finished_at",
            "result",
            "return_reason",
            "job",
        ]
        read_only_fields = fields


class TaskSendSerializer(serializers.Serializer):
    case = serializers.IntegerField(help_text="Case id")
    kind = serializers.ChoiceField(choices=AffairsTaskKind.choices)
    instructions = serializers.CharField()


class TaskResultSerializer(serializers.Serializer):
    result = serializers.CharField()


class TaskReturnSerializer(serializers.Serializer):
    reason = serializers.CharField()


class TaskResendSerializer(serializers.Serializer):
    instructions = serializers.CharField(required=False, allow_blank=True, default="")


class AssetQuerySerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(source="case.court", slug_field="code", read_only=True)
    case_number = serializers.CharField(source="case.case_number", read_only=True)

    class Meta:
        model = AssetQuery
        fields = [
            "id",
            "court",
            "job",
            "case",
            "case_number",
            "institution_code",
            "institution_name",
            "institution_kind",
            "status",
            "attempts",
            "next_attempt_at",
            "last_error",
            "records_found",
            "new_findings",
            "records",
            "answered_at",
            "created_at",
        ]
        read_only_fields = fields


class QueryBatchRequestSerializer(serializers.Serializer):
    cases = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list, help_text="Case ids"
    )
    case_numbers = serializers.ListField(
        child=serializers.CharField(),
        required=False,
        default=list,
        help_text="Case numbers (either parenthesis form)",
    )


class QueryBatchSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    percent = serializers.IntegerField(read_only=True)
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = BackgroundJob
        fields = [
            "id",
            "court",
            "kind",
            "status",
            "total",
            "done",
            "percent",
            "message",
            "result",
            "url",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields


class FreezeRequestSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(source="case.court", slug_field="code", read_only=True)

    class Meta:
        model = FreezeRequest
        fields = [
            "id",
            "court",
            "case",
            "finding",
            "institution_code",
            "institution_name",
            "account_reference",
            "amount",
            "ruling_number",
            "status",
            "attempts",
            "last_error",
            "provider_reference",
            "frozen_amount",
            "frozen_until",
            "measure",
            "requested_at",
            "completed_at",
        ]
        read_only_fields = fields


class FreezeRequestCreateSerializer(serializers.Serializer):
    finding = serializers.IntegerField(help_text="Id of a property finding of an online query")
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    ruling_number = serializers.CharField(max_length=60)


class NotificationSerializer(serializers.ModelSerializer):
    """A notification of the caller's own: ``level`` is ``info``, ``due_soon`` or
    ``overdue``; ``link`` is the page where the action is done."""

    level = serializers.SerializerMethodField()
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = [
            "id",
            "level",
            "level_display",
            "title",
            "body",
            "link",
            "read",
            "read_at",
            "created_at",
        ]
        read_only_fields = fields

    def get_level(self, obj) -> str:
        return LEVEL_NAMES.get(obj.level, "info")

    def get_read(self, obj) -> bool:
        return obj.read_at is not None
