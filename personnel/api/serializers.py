from rest_framework import serializers

from personnel.models import Officer


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
