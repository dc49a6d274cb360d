from rest_framework import serializers

from supervision.choices import SupervisionSource, SupervisionTrigger
from supervision.models import SupervisionCase


class SupervisionCaseSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    supervised_case = serializers.SlugRelatedField(slug_field="case_number", read_only=True)
    filing = serializers.SlugRelatedField(slug_field="case_number", read_only=True)
    handler = serializers.StringRelatedField()
    alert = serializers.SerializerMethodField()

    class Meta:
        model = SupervisionCase
        fields = [
            "id",
            "reference",
            "court",
            "title",
            "trigger",
            "source",
            "description",
            "supervised_case",
            "filing",
            "handler",
            "status",
            "opened_on",
            "concluded_on",
            "outcome",
            "conclusion",
            "alert",
        ]
        read_only_fields = fields

    def get_alert(self, obj) -> int | None:
        alert = getattr(obj, "alert", None)
        return alert.pk if alert is not None else None


class SupervisionCaseCreateSerializer(serializers.Serializer):
    """Open a supervision case: name the court (code) or the supervised case (number)."""

    court = serializers.CharField(required=False, allow_blank=True)
    supervised_case = serializers.CharField(required=False, allow_blank=True)
    filing = serializers.CharField(required=False, allow_blank=True)
    title = serializers.CharField(max_length=200)
    trigger = serializers.ChoiceField(choices=SupervisionTrigger.choices)
    source = serializers.ChoiceField(choices=SupervisionSource.choices)
    description = serializers.CharField()
