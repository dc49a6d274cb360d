"""The indicator and scheme editors: one field per parameter that the calculator
or the scoring reads, labelled in Chinese with its unit, never a JSON object
typed by hand (issue 16). Stored parameters show in the fields, an unchanged
edit stores them as they were, and a bad value is refused next to its field with
nothing saved."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django import forms as django_forms
from django.utils import translation

from assessment.forms import ComponentForm, OfficerItemForm, ReviseIndicatorForm
from assessment.indicators import CALCULATORS
from assessment.models import AssessmentScheme, IndicatorDefinition, OfficerScheme
from assessment.parameters import INDICATOR_PARAMETERS

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
INTEGER, DECIMAL = django_forms.IntegerField, django_forms.DecimalField
SEVERAL, ONE = django_forms.MultipleChoiceField, django_forms.ChoiceField

# What each calculator reads (assessment.indicators), with the field type.
EXPECTED = {
    "actual_execution_in_term": {
        "case_types": SEVERAL,
        "term_months": INTEGER,
        "actual_closing_types": SEVERAL,
        "excluded_closing_types": SEVERAL,
    },
    "termination_compliance": {"case_types": SEVERAL},
    "petition_conclusion": {"node_code": ONE},
    "three_year_overall": {
        "case_types": SEVERAL,
        "years": INTEGER,
        "term_months": INTEGER,
        "actual_closing_types": SEVERAL,
    },
    "first_fully_executed_rate": {"case_types": SEVERAL, "excluded_termination_reasons": SEVERAL},
    "first_termination_rate": {"case_types": SEVERAL, "excluded_termination_reasons": SEVERAL},
    "recovery_rate": {"case_types": SEVERAL},
    "closed_within_term": {"case_types": SEVERAL, "term_months": INTEGER},
    "average_days_to_close": {"case_types": SEVERAL},
    "timely_disbursement": {"node_code": ONE},
}
SUPERVISION_POINTS = {
    "minor",
    "major",
    "serious",
    "established_case",
    "conduct_violation",
    "overdue_order",
}


def _chinese(message: str) -> bool:
    return bool(CJK.search(message)) and not re.search(r"[A-Za-z]{2,}", message)


def _params(form) -> dict:
    return {n[len("param_") :]: f for n, f in form.fields.items() if n.startswith("param_")}


def _check_labels(fields) -> None:
    for field in fields:
        label = str(field.label)
        assert CJK.search(label) and not re.search(r"[A-Za-z]{2,}", label), label
        if isinstance(field, INTEGER | DECIMAL):
            assert re.search(r"（[^）]*(天|月|年|分|%)[^）]*）", label), label


def _value(bound) -> object:
    value = bound.value()
    if isinstance(value, list):
        return [str(v) for v in value]
    return "" if value is None else str(value)


def _form_data(form) -> dict:
    """What the browser sends for an unchanged form (its initial values)."""
    data = {}
    for bound in form:
        if isinstance(bound.field, django_forms.BooleanField):
            if bound.value():
                data[bound.html_name] = "on"
        else:
            data[bound.html_name] = _value(bound)
    return data


def _formset_data(formset) -> dict:
    data = {f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()}
    for form in formset.forms:
        data.update(_form_data(form))
    return data


def test_every_calculator_has_its_parameters():
    assert set(INDICATOR_PARAMETERS) == set(CALCULATORS) == set(EXPECTED)


@pytest.mark.parametrize("code", list(EXPECTED))
def test_each_indicator_has_a_field_per_parameter(code, ref):
    definition = IndicatorDefinition.objects.filter(code=code).order_by("-version").first()
    with translation.override("zh-hans"):
        form = ReviseIndicatorForm(definition=definition)
        params = _params(form)
        assert {n: type(f) for n, f in params.items()} == EXPECTED[code]
        assert "parameters" not in form.fields
        _check_labels(params.values())
        unit = "天" if definition.unit == "days" else "%"
        assert str(form.fields["target"].label) == f"目标值（{unit}）"
        # Each stored value shows in its field (the calculator's default when not stored).
        for name, parameter in zip(params, INDICATOR_PARAMETERS[code], strict=True):
            shown = form[f"param_{name}"].value()
            stored = definition.parameters.get(name, parameter.default)
            assert shown == ([str(v) for v in stored] if isinstance(stored, list) else stored)
        # The choices read in Chinese.
        for field in params.values():
            if isinstance(field, ONE | SEVERAL):
                assert field.choices and all(CJK.search(str(label)) for _v, label in field.choices)


def test_the_component_and_officer_item_fields(ref):
    with translation.override("zh-hans"):
        component = ComponentForm()
        assert set(_params(component)) == {"target"} | SUPERVISION_POINTS
        assert all(isinstance(f, DECIMAL) for f in _params(component).values())
        _check_labels(_params(component).values())
        item = OfficerItemForm()
        assert set(_params(item)) == {"target"}
        _check_labels(_params(item).values())
    # The kind chooses which fields are read: a supervision row stores its points only.
    form = ComponentForm(
        data={
            "kind": "supervision",
            "weight": "10",
            "param_target": "oops",  # another kind's field, hidden: ignored
            "param_minor": "2",
            "param_major": "",
        }
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["parameters"] == {"minor": 2}


@pytest.mark.parametrize("code", ["actual_execution_in_term", "first_termination_rate"])
def test_an_unchanged_revision_keeps_the_parameters(code, ref, login):
    definition = IndicatorDefinition.objects.filter(code=code).order_by("-version").first()
    client = login("zy_leader")
    url = f"/assessment/indicators/{definition.pk}/revise/"
    page = client.get(url)
    assert page.status_code == 200 and "JSON" not in page.content.decode()
    data = {**_form_data(page.context["form"]), "effective_from": "2030-01-01"}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    new = IndicatorDefinition.objects.filter(code=code).order_by("-version").first()
    assert new.version == definition.version + 1
    assert new.parameters == definition.parameters


def test_a_bad_indicator_parameter_is_refused_in_chinese(ref, login):
    definition = IndicatorDefinition.objects.get(code="three_year_overall", version=1)
    client = login("zy_leader")
    url = f"/assessment/indicators/{definition.pk}/revise/"
    data = {**_form_data(client.get(url).context["form"]), "effective_from": "2030-01-01"}
    count = IndicatorDefinition.objects.count()
    for name, value in [
        ("param_years", "0"),
        ("param_term_months", "半年"),
        ("param_case_types", []),
    ]:
        response = client.post(url, {**data, name: value})
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert list(errors) == [name] and len(errors[name]) == 1
        assert _chinese(errors[name][0]) and errors[name][0] in response.content.decode()
    assert IndicatorDefinition.objects.count() == count


def _saved_scheme(user):
    from assessment.services.bureau import save_scheme

    return save_scheme(
        user=user,
        name="2026年度考核",
        year=2026,
        components=[
            {
                "kind": "indicator",
                "indicator_code": "recovery_rate",
                "weight": 40,
                "parameters": {"target": 62.5},
            },
            {"kind": "indicator", "indicator_code": "closed_within_term", "weight": 20},
            {
                "kind": "supervision",
                "weight": 30,
                "parameters": {"minor": 1, "major": 2.5, "serious": 6},
            },
            {"kind": "equipment", "weight": 10},
        ],
    )


def _stored(scheme) -> list:
    return [(c.kind, c.indicator_code, c.weight, c.parameters) for c in scheme.components.all()]


def test_a_scheme_edit_shows_and_keeps_the_stored_parameters(ref, user, login):
    scheme = _saved_scheme(user("zy_leader"))
    before = _stored(scheme)
    client = login("zy_leader")
    page = client.get(f"/assessment/schemes/{scheme.pk}/edit/")
    html = page.content.decode()
    assert page.status_code == 200 and "JSON" not in html
    assert 'name="c-0-param_target"' in html and 'value="62.5"' in html
    assert 'name="c-2-param_major"' in html and 'value="2.5"' in html
    formset = page.context["formset"]
    # Only the row's own kind's fields are shown.
    assert [f.current_kind for f in formset.forms[:4]] == [
        "indicator",
        "indicator",
        "supervision",
        "equipment",
    ]
    data = {**_form_data(page.context["form"]), **_formset_data(formset)}
    response = client.post(f"/assessment/schemes/{scheme.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    scheme.refresh_from_db()
    assert _stored(scheme) == before


def test_a_bad_scheme_parameter_is_refused_in_chinese_and_nothing_saved(ref, user, login):
    scheme = _saved_scheme(user("zy_leader"))
    before = _stored(scheme)
    client = login("zy_leader")
    page = client.get(f"/assessment/schemes/{scheme.pk}/edit/")
    data = {**_form_data(page.context["form"]), **_formset_data(page.context["formset"])}
    data.update({"c-0-param_target": "-5", "c-2-param_serious": "很多"})
    response = client.post(f"/assessment/schemes/{scheme.pk}/edit/", data)
    assert response.status_code == 200
    formset = response.context["formset"]
    assert formset.forms[0].errors == {"param_target": ["确保该值大于或等于0.01。"]}
    assert list(formset.forms[2].errors) == ["param_serious"]
    (not_a_number,) = formset.forms[2].errors["param_serious"]
    assert _chinese(not_a_number)
    html = response.content.decode()
    assert "确保该值大于或等于0.01。" in html and not_a_number in html
    assert _stored(AssessmentScheme.objects.get(pk=scheme.pk)) == before


def test_an_officer_scheme_edit_round_trips_its_target(ref, user, login):
    from assessment.services.officers import save_officer_scheme
    from courts.models import Court

    xy = Court.objects.get(code="琼0105")
    scheme = save_officer_scheme(
        user=user("xy_director"),
        court_id=xy.pk,
        year=2026,
        name="干警考核",
        items=[
            {
                "kind": "indicator",
                "indicator_code": "closed_within_term",
                "label": "法定期限内结案率",
                "weight": 60,
                "parameters": {"target": 90},
            },
            {"kind": "manual", "label": "作风纪律", "weight": 40},
        ],
    )
    client = login("xy_director")
    url = f"/assessment/officers/{scheme.pk}/edit/"
    page = client.get(url)
    assert 'name="c-0-param_target"' in page.content.decode()
    data = {**_form_data(page.context["form"]), **_formset_data(page.context["formset"])}
    assert client.post(url, {**data, "c-0-param_target": "0"}).status_code == 200
    assert client.post(url, data).status_code == 302
    items = OfficerScheme.objects.get(pk=scheme.pk).items.order_by("sort_order")
    assert [i.parameters for i in items] == [{"target": 90}, {}]
    assert [Decimal(i.weight) for i in items] == [60, 40]


def test_the_indicator_page_reads_its_parameters_in_the_editors_words(ref, login):
    from cases.models import NodeDefinition

    definition = IndicatorDefinition.objects.get(code="petition_conclusion", version=1)
    node = NodeDefinition.objects.get(code="petition_conclusion")
    page = login("zy_leader").get(f"/assessment/indicators/{definition.pk}/").content.decode()
    assert f"统计的流程节点：{node.name}" in page and "：petition_conclusion" not in page
