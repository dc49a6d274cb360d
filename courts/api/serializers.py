from rest_framework import serializers

from courts.models import Bureau, Court


class CourtSerializer(serializers.ModelSerializer):
    court = serializers.CharField(source="code", read_only=True)

    class Meta:
        model = Court
        fields = ["id", "name", "short_name", "code", "court", "tier", "parent"]


class BureauSerializer(serializers.ModelSerializer):
    court = serializers.SlugRelatedField(slug_field="code", read_only=True)
    business_superior = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Bureau
        fields = ["id", "name", "court", "kind", "business_superior", "management_court"]
