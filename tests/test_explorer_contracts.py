"""Contracts every explorer keeps, found by walking the package (a new explorer is covered at once).

Every subclass of :class:`relmark_helpers.Explorer` in the package is built with its defaults;
its controls must be those its inputs declare (labels, ranges, starting values); every control is
moved to its ends and its middle (or through its options), and after each move the picture or its
captions must change, the summary must read without an error, NaN or inf, and the blitted picture
must equal a full redraw of the same figure.  Bad starting values are refused with the
validators' message naming the field, the value and the range; the plain full-redraw route builds
the same controls; in the pseudo-locale every visible word has passed through the catalogue.
"""

import html
import inspect
import re
from dataclasses import fields

import numpy as np
import pytest
from ipywidgets import Checkbox, Dropdown, SelectionSlider, ToggleButton, ToggleButtons
from matplotlib.text import Text

from relmark_helpers import as_float, use_language
from relmark_helpers.core.explorer import TIME_UPDATES

from .blit_check import pixels, shown
from .conftest import explorer_classes

EXPLORERS = explorer_classes()


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


def test_an_update_carries_its_kernel_time_only_where_a_benchmark_asks(monkeypatch):
    """A notebook's stored widget state holds no timing: its pictures and texts stay the same."""
    monkeypatch.delenv(TIME_UPDATES, raising=False)
    explorer = EXPLORERS[0]()
    assert re.search(r'data-render="1"[ >]', explorer.captions.value), explorer.captions.value
    assert "data-kernel-ms" not in explorer.captions.value
    monkeypatch.setenv(TIME_UPDATES, "1")
    explorer.update()
    found = re.search(r'data-render="2" data-kernel-ms="([0-9.]+)"', explorer.captions.value)
    assert found, explorer.captions.value
    assert float(found.group(1)) == pytest.approx(explorer.update_seconds[-1] * 1000, abs=0.006)


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_unknown_starting_values_are_refused_by_name(cls):
    parameters = inspect.signature(cls.__init__).parameters.values()
    if not any(p.kind is p.VAR_KEYWORD for p in parameters):
        pytest.skip(f"{cls.__name__} takes only named starting values")
    with pytest.raises(TypeError, match="no_such_input"):
        cls(no_such_input=1)


def _declared(cls):
    return {f.name: f.metadata["control"] for f in fields(cls.inputs_class) if "control" in f.metadata}


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_controls_are_the_declared_fields_with_their_ranges_and_defaults(cls):
    explorer = cls()
    declared = _declared(cls)
    assert list(explorer.controls) == list(declared), "one control per declared field, in order"
    defaults = cls.inputs_class()
    data_driven = getattr(explorer, "limits", {})
    for name, control in explorer.controls.items():
        meta = declared[name]
        assert control.description.startswith(meta.label), name
        if meta.kind == "slider":
            limits = data_driven.get(name, {})
            assert control.min == pytest.approx(limits.get("low", meta.low)), name
            assert control.max == pytest.approx(limits.get("high", meta.high)), name
            assert control.step == pytest.approx(meta.step), name
        if name not in data_driven:
            assert control.value == getattr(defaults, name), f"{name} does not start at its default"
    assert explorer.inputs == explorer.start


def _bad_values(explorer, name):
    """A value beyond the control's range (or outside its options) and a value of the wrong kind."""
    control = explorer.controls[name]
    if isinstance(control, Checkbox | ToggleButton):
        return [], ["yes"]
    if hasattr(control, "min"):
        return [control.max + (control.max - control.min) + 1, control.min - 1], ["a lot"]
    return ["no such option"], [3.5]


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_bad_starting_values_are_refused_naming_the_field_value_and_range(cls):
    explorer = cls()
    for name, control in explorer.controls.items():
        out_of_range, wrong_kind = _bad_values(explorer, name)
        for value in out_of_range:
            with pytest.raises(ValueError) as refused:
                cls(**{name: value})
            message = str(refused.value)
            assert message.startswith(f"{name} must be"), message
            assert repr(value) in message, message
            if hasattr(control, "min"):
                with pytest.raises(ValueError) as validator:
                    as_float(name, value, low=control.min, high=control.max,
                             hint="That is the explorer's range for it.")
                assert message == str(validator.value), "not the validators' message"
                assert f"[{control.min:g}, {control.max:g}]" in message
        for value in wrong_kind:
            with pytest.raises((TypeError, ValueError), match=f"^{name} must"):
                cls(**{name: value})


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_the_full_redraw_route_builds_the_same_controls(cls):
    fast = cls()
    full = type(f"Full{cls.__name__}", (cls,), {"route": "full"})()
    assert [(n, c.description, getattr(c, "max", None)) for n, c in full.controls.items()] == \
        [(n, c.description, getattr(c, "max", None)) for n, c in fast.controls.items()]
    name, control = next(iter(full.controls.items()))
    before = bytes(full.image.value)
    control.value = _positions(control)[0]
    assert bytes(full.image.value) != before, f"{name} left the full-redraw picture unchanged"
    assert full.renders == 2 and full.renderer.full_redraws == 2


def _visible_texts(explorer):
    texts = [explorer.summary.value, explorer.captions.value]
    for control in explorer.controls.values():
        texts += [control.description, getattr(control, "tooltip", None) or ""]
        texts += [o[0] if isinstance(o, tuple) else str(o) for o in getattr(control, "options", ())]
    stack = list(explorer.children)
    while stack:
        widget = stack.pop()
        stack += list(getattr(widget, "children", ()))
        if type(widget).__name__ == "HTML" and widget is not explorer.captions:
            texts.append(widget.value)
    explorer.chart.figure.canvas.draw()
    texts += [t.get_text() for t in explorer.chart.figure.findobj(Text) if t.get_visible()]
    return texts


def _outside_the_catalogue(text, data_words):
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    previous = None
    while previous != text:  # innermost brackets first: a message inside a message
        previous, text = text, re.sub(r"⟦[^⟦⟧]*⟧", " ", text)
    return [w for w in re.findall(r"[A-Za-z]{2,}", text) if w not in data_words]


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_in_the_pseudo_locale_every_visible_word_went_through_the_catalogue(cls):
    with use_language("pseudo"):
        explorer = cls()
        # Options that are data (plan names, dates) are shown as they are.
        declared = _declared(cls)
        data_words = {word for name, control in explorer.controls.items()
                      if not declared[name].translate_options
                      for option in control.options
                      for word in re.findall(r"[A-Za-z]{2,}", str(option))}
        left = {text[:60]: words for text in _visible_texts(explorer)
                if (words := _outside_the_catalogue(text, data_words))}
    assert not left, f"English outside the catalogue: {left}"


@pytest.mark.parametrize("cls", EXPLORERS, ids=lambda c: c.__name__)
def test_warming_up_when_shown_changes_nothing_visible(cls):
    explorer = cls()
    before = shown(explorer)
    explorer._repr_mimebundle_()  # what showing it in a notebook does
    assert explorer._warmed
    assert shown(explorer) == before, "the warm-up changed the picture or its captions"
    _assert_blit_equals_full_redraw(explorer, f"{cls.__name__} after warming up")


def test_warming_up_draws_the_y_axes_a_sweep_reaches():
    from relmark_helpers import clv_explorer

    explorer = clv_explorer()
    assert explorer.warm_up() >= 3  # the retention and margin sweeps change both y ranges
    draws = explorer.renderer.y_axis_draws
    explorer.controls["retention"].value = 0.99  # the sweep's end: its axes are drawn already
    assert explorer.renderer.y_axis_draws == draws
