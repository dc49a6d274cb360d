from rest_framework import serializers

from cases.choices import AgentAuthority, AgentKind, PartyKind, PartyRole, RespondentNature
from cases.models import CaseNode, EnforcementCase, LedgerEntry, Party, PartyAgent


class PartyAgentSerializer(serializers.ModelSerializer):
    """A party's agent, read-only (agents are added by filing or from the case page);
    the ID number masked as the parties' are."""

    masked_id_number = serializers.CharField(read_only=True)

    class Meta:
        model = PartyAgent
        fields = [
            "id",
            "kind",
            "name",
            "masked_id_number",
            "organisation",
            "licence_number",
            "authority",
            "phone",
        ]
        read_only_fields = fields


class PartySerializer(serializers.ModelSerializer):
    # IDs are masked in lists and exports (DOMAIN.md §2); full only on input.
    id_number = serializers.CharField(write_only=True, required=False, allow_blank=True)
    masked_id_number = serializers.CharField(read_only=True)
    # Prefetched by cases.selectors.case_list(with_agents=True).
    agents = PartyAgentSerializer(many=True, read_only=True, source="agent_list")

    class Meta:
        model = Party
        fields = [
            "id",
            "role",
            "kind",
            "name",
            "id_number",
            "masked_id_number",
            "nature",
            "district",
            "phone",
            "address",
            "agents",
        ]


class EnforcementCaseSerializer(serializers.ModelSerializer):
    """The fixed case fields of DESIGN.md, plus the title and parties."""

    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    origin_case = serializers.SlugRelatedField(slug_field="case_number", read_only=True)
    team = serializers.PrimaryKeyRelatedField(read_only=True)
    parties = PartySerializer(many=True, source="party_list", read_only=True)

    class Meta:
        model = EnforcementCase
        fields = [
            "id",
            "case_number",
            "court",
            "case_type",
            "status",
            "filed_on",
            "amount_claimed",
            "amount_recovered",
            "team",
            "origin_case",
            "closing_type",
            "closed_on",
            "title_issuer",
            "title_document_number",
            "title_effective_on",
            "origin",
            "cause",
            "version",
            "parties",
        ]
        read_only_fields = fields

    def to_representation(self, case):
        """What DRF's loop makes of the fields above, without making the fields
        again for each request (two serializers, twenty fields) and without its
        per-field attribute lookup: the case list API's largest cost after its SQL.
        Each value still goes through its field's own ``to_representation``, and
        tests/cases/test_api_representation.py compares the two on every kind of
        case."""
        plan, party_plan = _plans()
        out = {}
        for name, field, read in plan:
            value = read(case)
            out[name] = None if value is None else field.to_representation(value)
        out["parties"] = [
            {
                name: None if (value := getattr(party, source)) is None else represent(value)
                for name, source, represent in party_plan
            }
            for party in case.party_list
        ]
        return out


def _related(attribute: str, slug: str):
    def read(case):
        related_id = getattr(case, f"{attribute}_id")
        return None if related_id is None else getattr(getattr(case, attribute), slug)

    return read


_PLANS: tuple | None = None


def _plans() -> tuple:
    """(case fields, party fields) read once from a serializer of each: (name,
    field, reader) with the related fields read as DRF reads them (the court's
    code, the team's id without loading it, the origin case's number)."""
    global _PLANS
    if _PLANS is None:
        readers = {
            "court": _related("court", "code"),
            "team": lambda case: case.team_id,
            "origin_case": _related("origin_case", "case_number"),
        }
        fields = EnforcementCaseSerializer().fields
        plan = [
            (
                name,
                field,
                readers.get(name) or (lambda case, attr=field.source: getattr(case, attr)),
            )
            for name, field in fields.items()
            if name != "parties" and not field.write_only
        ]
        plan = [
            (name, _Identity() if name in readers else field, read) for name, field, read in plan
        ]
        party_fields = PartySerializer().fields
        party_plan = [
            (name, field.source, field.to_representation)
            for name, field in party_fields.items()
            if not field.write_only
        ]
        _PLANS = (plan, party_plan)
    return _PLANS


class _Identity:
    """A related field's value (the slug, the id) is read by its reader already."""

    @staticmethod
    def to_representation(value):
        return value


class FilingAgentSerializer(serializers.Serializer):
    """An agent (委托代理人) of the party it is listed under."""

    kind = serializers.ChoiceField(choices=AgentKind.choices)
    name = serializers.CharField(max_length=100)
    organisation = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    licence_number = serializers.CharField(
        max_length=30, required=False, allow_blank=True, default=""
    )
    authority = serializers.ChoiceField(
        choices=AgentAuthority.choices, required=False, default=AgentAuthority.GENERAL
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class FilingPartySerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=PartyRole.choices)
    kind = serializers.ChoiceField(choices=PartyKind.choices)
    name = serializers.CharField(max_length=100)
    id_number = serializers.CharField(max_length=18, required=False, allow_blank=True, default="")
    nature = serializers.ChoiceField(
        choices=RespondentNature.choices, required=False, default=RespondentNature.PRIVATE
    )
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    agents = FilingAgentSerializer(many=True, required=False, default=list)


class FilingSerializer(serializers.Serializer):
    court = serializers.CharField(required=False, help_text="Court code, for city-wide leadership")
    case_type = serializers.CharField()
    origin = serializers.CharField(required=False, default="civil")
    title_issuer = serializers.CharField(max_length=100)
    title_document_number = serializers.CharField(max_length=60)
    title_effective_on = serializers.DateField()
    amount_claimed = serializers.DecimalField(max_digits=16, decimal_places=2)
    filed_on = serializers.DateField()
    cause = serializers.CharField(required=False, allow_blank=True, default="")
    origin_case = serializers.CharField(
        required=False, help_text="For 执恢: the case number of the 终本 case it resumes"
    )
    late_registration_reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        help_text="补录: why an earlier filing date (director only, at most 30 days back)",
    )
    # Several applicants and respondents, each with its agents (issue 16 item 5).
    parties = FilingPartySerializer(many=True)


class CaseNodeSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="definition.code", read_only=True)
    name = serializers.CharField(source="definition.name", read_only=True)
    court = serializers.CharField(source="case.court.code", read_only=True)
    # True while a stay or suspension (or, for the closing clock, a notice or
    # appraisal) stops this node's clock: it is not overdue (DOMAIN.md §2).
    clock_stopped = serializers.SerializerMethodField()

    class Meta:
        model = CaseNode
        fields = [
            "id",
            "code",
            "name",
            "court",
            "trigger_ref",
            "triggered_on",
            "base_due_on",
            "due_on",
            "extension_days",
            "status",
            "completed_on",
            "clock_stopped",
            "computation",
        ]

    def get_clock_stopped(self, obj) -> bool:
        return bool(getattr(obj, "clock_stopped", False))


class LedgerEntrySerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="account.case.court.code", read_only=True)
    # Not a uniqueness check here: a repeated key is the idempotent retry the
    # service answers with the first entry.
    idempotency_key = serializers.CharField(max_length=80)

    class Meta:
        model = LedgerEntry
        fields = [
            "id",
            "court",
            "kind",
            "amount",
            "balance_after",
            "idempotency_key",
            "counterparty",
            "bank_reference",
            "occurred_on",
            "note",
            "recorded_at",
        ]
        read_only_fields = ["id", "court", "kind", "balance_after", "recorded_at"]
