"""Contracts every explorer keeps, found by walking the package (a new explorer is covered at once).

Every subclass of :class:`relmark_helpers.Explorer` in the package is built with its defaults,
every control is moved to its ends and its middle (or through its options), and after each move
the picture or its captions must change, the summary must read without an error, NaN or inf, and
the blitted picture must equal a full redraw of the same figure.
"""

import importlib
import inspect
import pkgutil

import numpy as np
import pytest
from ipywidgets import Checkbox, Dropdown, SelectionSlider, ToggleButtons

import relmark_helpers
from relmark_helpers import Explorer

from .blit_check import pixels, shown


def _explorer_classes():
    found = {}
    for info in pkgutil.walk_packages(relmark_helpers.__path__, "relmark_helpers."):
        if ".answers" in info.name:
            continue
        module = importlib.import_module(info.name)
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, Explorer) and obj is not Explorer and obj.__module__ == info.name:
                found[obj.__qualname__] = obj
    return [found[name] for name in sorted(found)]


EXPLORERS = _explorer_classes()


def test_the_package_has_explorers():
    assert len(EXPLORERS) >= 7


def _positions(control):
    if isinstance(control, Checkbox) or isinstance(control.value, bool):
        return [not control.value, control.value]
    if isinstance(control, ToggleButtons | Dropdown | SelectionSlider):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [v for v in values if v != control.value] + [control.value]
    low, high = control.min, control.max
    middle = (low + high) / 2
    if isinstance(control.value, int):
        middle = int(round(middle))
    return [high, low, middle]


def _assert_reads_well(explorer, where):
    text = explorer.summary.value.lower()
    assert "could not update" not in text, f"{where}: {text}"
    for word in (" nan", "nan ", " inf", "inf%", "inf "):
        assert word not in text, f"{where}: {text}"


def _assert_blit_equals_full_redraw(explorer, where):
    fast = pixels(explorer.image.value)
    full = pixels(explorer.renderer.full_picture())
    assert fast.shape == full.shape, where
    differs = np.abs(fast - full).max(axis=2) > 40
    assert differs.sum() < 10, f"{where}: {differs.sum()} pixels differ from a full redraw"


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_builds_with_its_defaults_and_reads_well(cls):
    explorer = cls()
    assert explorer.controls, "an explorer has at least one control"
    assert explorer.image.value, "an explorer shows its picture at once"
    _assert_reads_well(explorer, "defaults")


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_every_control_changes_the_picture_and_blitting_stays_true(cls):
    explorer = cls()
    for name, control in explorer.controls.items():
        start = control.value
        for value in _positions(control):
            if value == control.value:
                continue
            before = shown(explorer)
            control.value = value
            where = f"{cls.__name__}.{name} = {value!r}"
            assert shown(explorer) != before, f"{where} left the picture and its captions unchanged"
            _assert_reads_well(explorer, where)
        _assert_blit_equals_full_redraw(explorer, f"{cls.__name__} after moving {name}")
        control.value = start


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_unknown_starting_values_are_refused_by_name(cls):
    parameters = inspect.signature(cls.__init__).parameters.values()
    if not any(p.kind is p.VAR_KEYWORD for p in parameters):
        pytest.skip(f"{cls.__name__} takes only named starting values")
    with pytest.raises(TypeError, match="no_such_input"):
        cls(no_such_input=1)
