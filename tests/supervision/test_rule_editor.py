"""The alert-rule editor: one field per parameter the rule's evaluator reads,
labelled in Chinese with its unit, never a JSON object typed by hand (issue 16)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.utils import translation

from supervision.choices import AlertRuleCode
from supervision.forms import RuleForm
from supervision.parameters import RULE_PARAMETERS

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")

# What each rule's evaluator reads (supervision.alerts), with the field type.
EXPECTED = {
    AlertRuleCode.PROPERTY_WITHOUT_MEASURE: {"days": django_forms.IntegerField},
    AlertRuleCode.NO_NODE_PROGRESS: {"days": django_forms.IntegerField},
    AlertRuleCode.TERMINATION_INCOMPLETE: {"lookback_days": django_forms.IntegerField},
    AlertRuleCode.FUNDS_UNPAID: {"days": django_forms.IntegerField},
    AlertRuleCode.SELECTIVE_EXECUTION: {
        "amount_ratio": django_forms.DecimalField,
        "min_open_days": django_forms.IntegerField,
        "max_comparables": django_forms.IntegerField,
        "case_types": django_forms.MultipleChoiceField,
    },
}


def _post_data(form) -> dict:
    """What the browser sends for an unchanged form (its initial values)."""
    data = {}
    for bound in form:
        value = bound.value()
        if isinstance(bound.field, django_forms.BooleanField):
            if value:
                data[bound.html_name] = "on"
        elif isinstance(value, list):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = str(value)
    return data


def test_every_rule_code_has_its_parameters():
    assert set(RULE_PARAMETERS) == set(AlertRuleCode.values) == set(EXPECTED)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_each_rule_has_a_field_per_parameter_in_chinese_with_its_unit(code, rule):
    r = rule(code)
    with translation.override("zh-hans"):
        form = RuleForm(rule=r)
        params = {n[len("param_") :]: f for n, f in form.fields.items() if n.startswith("param_")}
        assert {n: type(f) for n, f in params.items()} == EXPECTED[code]
        assert "parameters" not in form.fields
        for name, field in params.items():
            label = str(field.label)
            assert CJK.search(label) and not re.search(r"[A-Za-z]{2,}", label), label
            if isinstance(field, django_forms.IntegerField | django_forms.DecimalField):
                assert re.search(r"（(天|倍|件)）", label), label
            # The stored value shows in the field.
            stored = r.parameters[name]
            assert form[f"param_{name}"].value() == (
                [str(v) for v in stored] if isinstance(stored, list) else stored
            )


def test_unchanged_edit_stores_the_same_parameters(rule, login):
    r = rule(AlertRuleCode.SELECTIVE_EXECUTION)
    before = dict(r.parameters)
    client = login("supervisor")
    page = client.get(f"/supervision/rules/{r.pk}/edit/")
    html = page.content.decode()
    assert page.status_code == 200 and "JSON" not in html
    assert 'name="param_amount_ratio"' in html and 'value="执恢"' in html
    form = page.context["form"]
    response = client.post(f"/supervision/rules/{r.pk}/edit/", _post_data(form))
    assert response.status_code == 302, response.content.decode()[:2000]
    r.refresh_from_db()
    assert r.parameters == before


def test_a_changed_value_is_stored_as_a_number(rule, login):
    r = rule(AlertRuleCode.FUNDS_UNPAID, note="kept")
    client = login("supervisor")
    form = client.get(f"/supervision/rules/{r.pk}/edit/").context["form"]
    data = {**_post_data(form), "param_days": "25"}
    assert client.post(f"/supervision/rules/{r.pk}/edit/", data).status_code == 302
    r.refresh_from_db()
    # A key no field edits is kept.
    assert r.parameters == {"days": 25, "note": "kept"}


def _chinese(message: str) -> bool:
    return bool(CJK.search(message)) and not re.search(r"[A-Za-z]{2,}", message)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("param_amount_ratio", "1", "请输入大于1的数。"),
        ("param_min_open_days", "0", "确保该值大于或等于1。"),
        ("param_max_comparables", "三", None),  # Django's "enter a whole number", in Chinese
        ("param_case_types", None, None),  # none chosen: required
    ],
)
def test_a_bad_value_is_refused_in_chinese_next_to_its_field(rule, login, name, value, message):
    r = rule(AlertRuleCode.SELECTIVE_EXECUTION)
    before = dict(r.parameters)
    client = login("supervisor")
    data = _post_data(client.get(f"/supervision/rules/{r.pk}/edit/").context["form"])
    if value is None:
        del data[name]
    else:
        data[name] = value
    response = client.post(f"/supervision/rules/{r.pk}/edit/", data)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [name] and len(errors[name]) == 1
    shown = errors[name][0]
    assert _chinese(shown) and (message is None or shown == message), shown
    assert shown in response.content.decode()
    r.refresh_from_db()
    assert r.parameters == before


def test_the_service_refuses_what_the_fields_refuse(rule, user):
    """The API path (a JSON object) is checked against the same parameters."""
    from django.core.exceptions import ValidationError

    from supervision.services.alerts import update_rule

    r = rule(AlertRuleCode.SELECTIVE_EXECUTION)
    with pytest.raises(ValidationError) as refused:
        update_rule(
            user=user("supervisor"),
            rule_id=r.pk,
            parameters={**r.parameters, "amount_ratio": 1, "case_types": ["刑更"]},
            severity="major",
            is_active=True,
        )
    assert len(refused.value.message_dict["parameters"]) == 2
    saved = update_rule(
        user=user("supervisor"),
        rule_id=r.pk,
        parameters={**r.parameters, "amount_ratio": 1.5},
        severity="major",
        is_active=True,
    )
    assert Decimal(str(saved.parameters["amount_ratio"])) == Decimal("1.5")


def test_the_rule_list_reads_the_parameters_in_the_editors_words(rule, login):
    rule(AlertRuleCode.SELECTIVE_EXECUTION)
    page = login("supervisor").get("/supervision/rules/").content.decode()
    assert "比较的案件类型：首次执行（执）、恢复执行（执恢）" in page
    assert "发现财产后采取控制措施的期限（天）：7" in page
