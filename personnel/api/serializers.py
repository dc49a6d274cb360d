from rest_framework import serializers

from personnel.models import Officer, Team, TeamMembership


class OfficerSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="bureau.court.code", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)

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
        ]
        read_only_fields = [
            "id",
            "name",
            "username",
            "badge_number",
            "role",
            "bureau",
            "court",
            "is_active",
        ]


class TeamMemberSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="officer.name", read_only=True)

    class Meta:
        model = TeamMembership
        fields = ["officer", "name", "role", "started_on"]


class TeamSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="bureau.court.code", read_only=True)
    members = TeamMemberSerializer(source="current_memberships", many=True, read_only=True)

    class Meta:
        model = Team
        fields = ["id", "name", "bureau", "court", "is_active", "members"]
