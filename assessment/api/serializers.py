from rest_framework import serializers

from assessment.models import BureauAssessmentResult, MonthlyReport


class BureauAssessmentResultSerializer(serializers.ModelSerializer):
    court = serializers.SerializerMethodField()
    bureau = serializers.StringRelatedField()
    year = serializers.IntegerField(source="assessment.year", read_only=True)
    assessment = serializers.PrimaryKeyRelatedField(read_only=True)
    status = serializers.CharField(source="assessment.status", read_only=True)
    scheme = serializers.CharField(
        source="assessment.scheme_snapshot.name", read_only=True, default=""
    )

    class Meta:
        model = BureauAssessmentResult
        fields = [
            "id",
            "assessment",
            "year",
            "status",
            "scheme",
            "court",
            "bureau",
            "total",
            "rank",
            "praised",
            "at_bottom",
            "bottom_streak",
            "director_adjustment_flag",
            "component_scores",
            "inputs",
        ]
        read_only_fields = fields

    def get_court(self, obj) -> str:
        return obj.bureau.court.code


class MonthlyReportSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = MonthlyReport
        fields = [
            "id",
            "court",
            "year",
            "month",
            "status",
            "due_on",
            "figures",
            "prefilled",
            "summary",
            "problems",
            "plans",
            "first_submitted_at",
            "submitted_late",
            "late_days",
            "submitted_at",
            "reviewed_at",
            "review_remarks",
            "version",
        ]
        read_only_fields = fields


class ReportEditSerializer(serializers.Serializer):
    figures = serializers.DictField(required=False)
    summary = serializers.CharField(required=False, allow_blank=True)
    problems = serializers.CharField(required=False, allow_blank=True)
    plans = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)


class ReportReviewSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    remarks = serializers.CharField(required=False, allow_blank=True)
