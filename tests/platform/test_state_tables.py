"""Every state has its transition table (STYLE.md "states as TextChoices with
their transition table"; issue 19): each ``TextChoices`` used as a model's
``status`` is found through the apps' models, and its app's ``choices.py`` (or the
module of a ``choices/`` package that declares it) must hold a ``*_TRANSITIONS``
table, next to it, with one row per state and only known states as targets — the
table ``haikou_exec.states.move`` reads. A new state machine without its table
fails here."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from django.apps import apps
from django.db import models


def _choices_modules():
    """Each installed app's ``choices.py``, or every module of its ``choices/`` package
    (``cases/choices/``: the states sit with their tables in each part)."""
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.choices")
        except ModuleNotFoundError:
            continue
        yield module
        for info in pkgutil.iter_modules(getattr(module, "__path__", [])):
            yield importlib.import_module(f"{module.__name__}.{info.name}")


def _choices_classes():
    """Every TextChoices declared in an installed app's ``choices.py`` (or a module of
    its ``choices/`` package), with its module."""
    found = []
    for module in _choices_modules():
        for _name, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, models.TextChoices) and obj.__module__ == module.__name__:
                found.append((obj, module))
    return found


def _status_fields():
    """(model label, field) for every ``status`` with choices on a concrete model,
    leaving out the history copies (pghistory's event models repeat the field)."""
    for model in apps.get_models():
        if model._meta.app_label == "pghistory" or model.__name__.endswith("Event"):
            continue
        for field in model._meta.concrete_fields:
            if field.name == "status" and field.choices:
                yield model._meta.label, field


def _tables(module):
    return {
        name: value
        for name, value in vars(module).items()
        if name.endswith("_TRANSITIONS") and isinstance(value, dict)
    }


def _uncovered(fields, classes) -> list[str]:
    missing = []
    for label, field in fields:
        values = [str(value) for value, _label in field.choices]
        owners = [
            (cls, module) for cls, module in classes if [str(v) for v in cls.values] == values
        ]
        if not owners:
            missing.append(f"{label}.status: no TextChoices in an app's choices.py")
            continue
        covered = False
        for cls, module in owners:
            for name, table in _tables(module).items():
                if {str(k) for k in table} != set(values):
                    continue
                targets = {str(t) for row in table.values() for t in row}
                assert targets <= set(values), f"{name} goes to a state {cls.__name__} lacks"
                covered = True
        if not covered:
            names = ", ".join(cls.__name__ for cls, _module in owners)
            missing.append(f"{label}.status ({names}): no *_TRANSITIONS table with every state")
    return missing


def test_every_model_status_is_a_textchoices_with_its_transition_table():
    fields = list(_status_fields())
    assert len(fields) >= 30, "the discovery found too few status fields to mean anything"
    missing = _uncovered(fields, _choices_classes())
    assert not missing, "\n".join(missing)


class _Lonely(models.TextChoices):
    SOLO = "solo_state", "Solo"
    DONE = "done_state", "Done"


def test_the_check_fails_for_a_state_machine_without_a_table():
    """The check can fail: a status whose TextChoices has no table, or none at all."""
    field = models.CharField(choices=_Lonely.choices)
    module = inspect.getmodule(_Lonely)
    assert _uncovered([("x.Lonely", field)], [(_Lonely, module)]) == [
        "x.Lonely.status (_Lonely): no *_TRANSITIONS table with every state"
    ]
    assert _uncovered([("x.Lonely", field)], []) == [
        "x.Lonely.status: no TextChoices in an app's choices.py"
    ]
    # With its table next to it, it is covered.
    globals()["LONELY_TRANSITIONS"] = {_Lonely.SOLO: {_Lonely.DONE}, _Lonely.DONE: set()}
    try:
        assert _uncovered([("x.Lonely", field)], [(_Lonely, module)]) == []
    finally:
        del globals()["LONELY_TRANSITIONS"]
