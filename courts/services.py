"""Writes on the organisation."""

from django.db import transaction

from courts.choices import BureauKind, CourtTier
from courts.models import Bureau, Court

# DOMAIN.md §1. Codes marked [assumed] there are editable in the admin afterwards;
# seeding never overwrites an edited code because it matches on the name.
HAIKOU_COURTS = [
    # name, short name, code, tier
    ("海口市中级人民法院", "海口中院", "琼01", CourtTier.INTERMEDIATE),
    ("海口市秀英区人民法院", "秀英法院", "琼0105", CourtTier.DISTRICT),
    ("海口市龙华区人民法院", "龙华法院", "琼0106", CourtTier.DISTRICT),
    ("海口市琼山区人民法院", "琼山法院", "琼0107", CourtTier.DISTRICT),
    ("海口市美兰区人民法院", "美兰法院", "琼0108", CourtTier.DISTRICT),
]


@transaction.atomic
def seed_haikou_organisation() -> dict[str, Court]:
    """The five Haikou courts and six bureaus, idempotently.
    Source: DOMAIN.md §1 "Who is who: the two tiers"."""
    courts: dict[str, Court] = {}
    intermediate = None
    for order, (name, short, code, tier) in enumerate(HAIKOU_COURTS):
        court, _ = Court.objects.get_or_create(
            name=name,
            defaults={
                "short_name": short,
                "code": code,
                "tier": tier,
                "parent": intermediate,
                "sort_order": order,
            },
        )
        if tier == CourtTier.INTERMEDIATE:
            intermediate = court
        courts[short] = court
    zy_bureau, _ = Bureau.objects.get_or_create(
        court=intermediate,
        kind=BureauKind.ENFORCEMENT,
        defaults={"name": "海口市中级人民法院执行局", "management_court": intermediate},
    )
    Bureau.objects.get_or_create(
        court=intermediate,
        kind=BureauKind.CRIMINAL_ENFORCEMENT,
        defaults={"name": "海口市中级人民法院刑事执行局", "management_court": intermediate},
    )
    for court in courts.values():
        if court.tier == CourtTier.DISTRICT:
            Bureau.objects.get_or_create(
                court=court,
                kind=BureauKind.ENFORCEMENT,
                defaults={
                    "name": f"{court.name}执行局",
                    "business_superior": zy_bureau,
                    "management_court": court,
                },
            )
    return courts
