import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from haikou_exec.identifiers import (
    MaskedIdentifier,
    make_resident_id,
    make_uscc,
    mask_identifier,
    validate_resident_id,
    validate_uscc,
)


def test_known_valid_numbers():
    assert validate_resident_id("11010519491231002x") == "11010519491231002X"
    assert validate_uscc("91350100M000100Y43") == "91350100M000100Y43"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("110105194912310021", "Check character 18"),
        ("1101051949123100", "18 characters"),
        ("11010519491231A02X", "Character 15"),
    ],
)
def test_bad_resident_ids_name_the_character(value, fragment):
    with translation.override("en"), pytest.raises(ValidationError) as err:
        validate_resident_id(value)
    assert fragment in str(err.value)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [("91350100M000100Y44", "Check character 18"), ("91350100M0001O0Y43", "Character 14")],
)
def test_bad_credit_codes_name_the_character(value, fragment):
    with translation.override("en"), pytest.raises(ValidationError) as err:
        validate_uscc(value)
    assert fragment in str(err.value)


def test_generated_numbers_are_valid_and_deterministic():
    rng = random.Random(5)
    ids = [make_resident_id(rng) for _ in range(200)]
    codes = [make_uscc(rng) for _ in range(200)]
    for value in ids:
        validate_resident_id(value)
    for value in codes:
        validate_uscc(value)
    assert make_resident_id(random.Random(5)) == ids[0]


def test_masking_hides_the_birth_date():
    assert mask_identifier("46010519800101123X") == "460105********123X"


@pytest.mark.django_db
def test_masking_in_sql_is_the_same_as_in_python(org):
    """The case list API's rows are masked by PostgreSQL (MaskedIdentifier)."""
    from django.db.models import TextField, Value
    from django.db.models.functions import Cast

    from courts.models import Court

    values = [
        "",
        "123",
        "123456789",  # nine: shown as it is
        "1234567890",  # ten: nothing to hide between region and last four
        "46010519800101123X",
        "460105800101123",  # the old 15-digit form
        "91350100M000100Y43",  # a unified social credit code
        "某单位代码甲乙丙丁戊己庚",  # characters, not bytes
    ]
    for value in values:
        in_sql = (
            Court.objects.annotate(masked=MaskedIdentifier(Cast(Value(value), TextField())))
            .values_list("masked", flat=True)
            .first()
        )
        assert in_sql == mask_identifier(value), value


def test_messages_are_in_chinese_by_default():
    with translation.override("zh-hans"), pytest.raises(ValidationError) as err:
        validate_resident_id("110105194912310021")
    assert "第18位校验码错误" in str(err.value) and "应为“X”" in str(err.value)
