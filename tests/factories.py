import factory
from django.contrib.auth import get_user_model

from courts.models import Bureau
from personnel.choices import OfficerRole
from personnel.models import Officer
from personnel.services import sync_officer_groups


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"officer{n}")
    password = factory.PostGenerationMethodCall("set_password", "demo-pass-2026")


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    user = factory.SubFactory(UserFactory)
    name = factory.Faker("name", locale="zh_CN")
    bureau = factory.LazyFunction(lambda: Bureau.objects.order_by("pk").first())
    role = OfficerRole.JUDGE
    badge_number = factory.Sequence(lambda n: f"T{n:06d}")

    @factory.post_generation
    def groups(obj, create, extracted, **kwargs):
        if create:
            sync_officer_groups(obj)
