"""Serializers of the people resources. Every row carries ``court`` (its code);
writes go through the services."""

from rest_framework import serializers

from personnel.choices import Education, LegalQualification, Rank
from personnel.models import (
    DirectorAppointment,
    DutyReport,
    DutyReportAttachment,
    Handover,
    HandoverItem,
    Officer,
    Position,
    ResearchOutput,
    RotationPlan,
    RotationPlanItem,
    Secondment,
    Seminar,
    StaffingQuota,
    TalentPoolMember,
    Team,
    TeamMembership,
    Training,
    TrialExchange,
)


def court_of(source: str):
    return serializers.CharField(source=source, read_only=True)


class OfficerSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    username = serializers.CharField(source="user.username", read_only=True)
    current_post = serializers.CharField(read_only=True, allow_null=True)
    # Optional profile fields: "" when not recorded (DRF drops allow_blank from
    # read-only fields, so the schema would not admit the empty value).
    education = serializers.ChoiceField(Education.choices, read_only=True, allow_blank=True)
    legal_qualification = serializers.ChoiceField(
        LegalQualification.choices, read_only=True, allow_blank=True
    )
    rank = serializers.ChoiceField(Rank.choices, read_only=True, allow_blank=True)

    class Meta:
        model = Officer
        fields = [
            "id",
            "name",
            "username",
            "badge_number",
            "role",
            "bureau",
            "court",
            "phone",
            "is_active",
            "birth_date",
            "education",
            "legal_qualification",
            "rank",
            "current_post",
        ]
        # The profile is kept by the bureau's leadership through the profile page.
        read_only_fields = [
            "id",
            "name",
            "username",
            "badge_number",
            "role",
            "bureau",
            "court",
            "is_active",
            "birth_date",
            "education",
            "legal_qualification",
            "rank",
        ]


class TeamMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="officer.name", read_only=True)

    class Meta:
        model = TeamMembership
        fields = ["officer", "name", "role", "started_on"]


class TeamSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    members = TeamMemberSerializer(source="current_memberships", many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "bureau", "court", "is_active", "members"]


class PositionSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    officer_name = serializers.CharField(source="officer.name", read_only=True)

    class Meta:
        model = Position
        fields = [
            "id",
            "officer",
            "officer_name",
            "bureau",
            "court",
            "post",
            "is_acting",
            "started_on",
            "ended_on",
            "end_reason",
            "note",
        ]
        read_only_fields = ["id", "court", "officer_name", "end_reason"]


class RotationStandingSerializer(serializers.ModelSerializer):
    """A current leader with the rotation count computed from the history."""

    court = court_of("bureau.court.code")
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    consecutive_since = serializers.SerializerMethodField()
    served_months = serializers.SerializerMethodField()
    due_on = serializers.SerializerMethodField()
    coming_due_on = serializers.SerializerMethodField()
    rotation = serializers.SerializerMethodField()

    class Meta:
        model = Position
        fields = [
            "id",
            "officer",
            "officer_name",
            "bureau",
            "court",
            "post",
            "is_acting",
            "started_on",
            "consecutive_since",
            "served_months",
            "coming_due_on",
            "due_on",
            "rotation",
        ]

    def _standing(self, obj):
        from personnel.models import RotationPolicy
        from personnel.selectors import standing_of

        if "rotation_policy" not in self.context:  # once per response, not per row
            self.context["rotation_policy"] = RotationPolicy.current()
        if not hasattr(obj, "_standing"):
            obj._standing = standing_of(obj, policy=self.context["rotation_policy"])
        return obj._standing

    def get_consecutive_since(self, obj) -> str | None:
        s = self._standing(obj)
        return s.run_started_on.isoformat() if s else None

    def get_served_months(self, obj) -> int | None:
        s = self._standing(obj)
        return s.served_months if s else None

    def get_due_on(self, obj) -> str | None:
        s = self._standing(obj)
        return s.due_on.isoformat() if s else None

    def get_coming_due_on(self, obj) -> str | None:
        s = self._standing(obj)
        return s.coming_due_on.isoformat() if s else None

    def get_rotation(self, obj) -> str | None:
        s = self._standing(obj)
        return s.status if s else None


class StaffingQuotaSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    post_quotas = serializers.SerializerMethodField()

    class Meta:
        model = StaffingQuota
        fields = ["id", "bureau", "court", "headcount", "basis", "updated_on", "post_quotas"]

    def get_post_quotas(self, obj) -> dict[str, int]:
        return {q.post: q.quota for q in obj.bureau.post_quotas.all()}


class RotationPlanItemSerializer(serializers.ModelSerializer):
    officer_name = serializers.CharField(source="officer.name", read_only=True)
    # A plain string: the same choice set as ``post`` must not get a second enum name.
    leaves_post = serializers.CharField(source="position.post", read_only=True)
    leaves_bureau = serializers.IntegerField(source="position.bureau_id", read_only=True)
    destination_post = serializers.CharField(read_only=True)

    class Meta:
        model = RotationPlanItem
        fields = [
            "id",
            "officer",
            "officer_name",
            "leaves_bureau",
            "leaves_post",
            "effective_on",
            "destination_bureau",
            "destination_post",
            "destination_department",
            "note",
        ]


class RotationPlanSerializer(serializers.ModelSerializer):
    court = court_of("court.code")
    items = RotationPlanItemSerializer(many=True, read_only=True)

    class Meta:
        model = RotationPlan
        fields = [
            "id",
            "court",
            "title",
            "status",
            "created_at",
            "decided_at",
            "decision_note",
            "items",
        ]


class TrialExchangeSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")

    class Meta:
        model = TrialExchange
        fields = [
            "id",
            "officer",
            "bureau",
            "court",
            "direction",
            "department",
            "started_on",
            "ended_on",
            "note",
        ]


class HandoverItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = HandoverItem
        fields = ["id", "provider", "ref", "label", "due_on", "successor", "moved_at"]


class HandoverSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    items = HandoverItemSerializer(many=True, read_only=True)

    class Meta:
        model = Handover
        fields = [
            "id",
            "officer",
            "bureau",
            "court",
            "handover_on",
            "reason",
            "status",
            "completed_at",
            "items",
        ]


class DirectorAppointmentSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    candidate_name = serializers.CharField(source="candidate.name", read_only=True)

    class Meta:
        model = DirectorAppointment
        fields = [
            "id",
            "bureau",
            "court",
            "candidate",
            "candidate_name",
            "effective_on",
            "reason",
            "status",
            "proposed_at",
            "opinion",
            "decided_at",
            "took_effect_at",
            "position",
        ]
        read_only_fields = [
            "id",
            "court",
            "candidate_name",
            "status",
            "proposed_at",
            "opinion",
            "decided_at",
            "took_effect_at",
            "position",
        ]


class AppointmentDecisionSerializer(serializers.Serializer):
    consent = serializers.BooleanField()
    opinion = serializers.CharField()


class TalentPoolMemberSerializer(serializers.ModelSerializer):
    court = court_of("officer.bureau.court.code")
    specialties = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = TalentPoolMember
        fields = ["id", "officer", "court", "specialties", "joined_on", "left_on", "note"]


class SeminarSerializer(serializers.ModelSerializer):
    court = court_of("court.code")

    class Meta:
        model = Seminar
        fields = ["id", "court", "topic", "held_on", "question", "participants", "outcome"]


class ResearchOutputSerializer(serializers.ModelSerializer):
    court = court_of("court.code")

    class Meta:
        model = ResearchOutput
        fields = [
            "id",
            "court",
            "title",
            "kind",
            "authors",
            "completed_on",
            "venue",
            "summary",
            "seminar",
        ]


class SecondmentSerializer(serializers.ModelSerializer):
    court = court_of("home_bureau.court.code")
    host_court = court_of("host_bureau.court.code")

    class Meta:
        model = Secondment
        fields = [
            "id",
            "officer",
            "home_bureau",
            "court",
            "host_bureau",
            "host_court",
            "post",
            "started_on",
            "ended_on",
            "note",
        ]


class TrainingSerializer(serializers.ModelSerializer):
    court = court_of("court.code")

    class Meta:
        model = Training
        fields = [
            "id",
            "court",
            "title",
            "organiser",
            "starts_on",
            "ends_on",
            "hours",
            "location",
            "participants",
        ]


class DutyReportAttachmentSerializer(serializers.ModelSerializer):
    download = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = DutyReportAttachment
        fields = ["id", "original_name", "content_type", "size", "download"]


class DutyReportSerializer(serializers.ModelSerializer):
    court = court_of("bureau.court.code")
    attachments = DutyReportAttachmentSerializer(many=True, read_only=True)
    score = serializers.SerializerMethodField()

    class Meta:
        model = DutyReport
        fields = [
            "id",
            "officer",
            "bureau",
            "court",
            "year",
            "status",
            "text",
            "to_intermediate_court",
            "to_party_group",
            "submitted_at",
            "score",
            "scored_at",
            "attachments",
        ]

    def get_score(self, obj) -> str | None:
        # Scores feed cadre selection: shown to whom the pages show them.
        from personnel.selectors import scores_visible_to

        user = self.context["request"].user
        if obj.score is None:
            return None
        if obj.officer.user_id == user.pk or scores_visible_to(user):
            return str(obj.score)
        return None


class DutyReportScoreSerializer(serializers.Serializer):
    score = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=100)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
