import pytest

from courts.choices import BureauKind, CourtTier
from courts.models import Bureau, Court
from courts.services import seed_haikou_organisation


@pytest.mark.django_db
def test_seeding_is_idempotent_and_complete():
    seed_haikou_organisation()
    seed_haikou_organisation()
    assert Court.objects.count() == 5
    assert Bureau.objects.count() == 6
    zy = Court.objects.get(code="琼01")
    assert zy.tier == CourtTier.INTERMEDIATE
    assert set(Court.objects.filter(tier=CourtTier.DISTRICT).values_list("code", flat=True)) == {
        "琼0105",
        "琼0106",
        "琼0107",
        "琼0108",
    }
    zy_bureau = Bureau.objects.get(court=zy, kind=BureauKind.ENFORCEMENT)
    assert Bureau.objects.filter(court=zy, kind=BureauKind.CRIMINAL_ENFORCEMENT).exists()
    for bureau in Bureau.objects.filter(court__tier=CourtTier.DISTRICT):
        # Dual leadership: business to the intermediate bureau, management to its own court.
        assert bureau.business_superior == zy_bureau
        assert bureau.management_court == bureau.court


@pytest.mark.django_db
def test_a_bureau_cannot_be_managed_by_another_court():
    from django.db import IntegrityError

    courts = seed_haikou_organisation()
    bureau = Bureau.objects.get(court=courts["龙华法院"])
    bureau.management_court = courts["美兰法院"]
    with pytest.raises(IntegrityError):
        bureau.save()
