"""Declared controls: a field of an explorer's inputs says how it is shown and what it accepts.

A field made by :func:`slider`, :func:`choice` or :func:`toggle` carries a
:class:`Control` in its metadata: the label (marked ``N_()``, translated where
it is shown), the range and step, the readout format, the unit, the tooltip,
the options.  :class:`relmark_helpers.core.explorer.Explorer` builds its
controls from them, and :func:`check_defaults` refuses a starting value outside
them with the validators' messages.  This module does not import ipywidgets,
so a plots module can declare its inputs without loading it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

import numpy as np

from relmark_helpers.core.messages import _
from relmark_helpers.core.validate import _describe, as_float

__all__ = ["Control", "check_defaults", "check_ranges", "choice", "declared_controls",
           "field_kind", "slider", "toggle"]

@dataclass(frozen=True)
class Control:
    """How one input is shown: the metadata of a field made by :func:`slider`, :func:`choice`
    or :func:`toggle`.

    Attributes
    ----------
    kind : str
        ``"slider"``, ``"choice"`` or ``"toggle"``.
    label : str
        The control's label, English, marked ``N_()`` (translated when shown).
    low, high, step : float or None
        A slider's range and step (the field's units).
    fmt : str
        A slider's readout format (``".0%"``, ``",.0f"``, ``"d"``).
    unit : str
        Shown after the label in brackets (``"periods"``); marked ``N_()``.
    tooltip : str
        Shown on hover; marked ``N_()``; a template filled with ``tooltip_fields``.
    options : tuple of (label, value)
        A choice's options; labels marked ``N_()`` (values are passed on as they are).
    widget : str
        Which ipywidget shows it: ``"slider"``, ``"buttons"``, ``"dropdown"``,
        ``"selection"`` (a slider over the options), ``"checkbox"`` or ``"button"``.
    translate_options : bool
        False for options that are data (plan names, dates), not words.
    """

    kind: str
    label: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    fmt: str = ""
    unit: str = ""
    tooltip: str = ""
    tooltip_fields: tuple[tuple[str, object], ...] = ()
    options: tuple[tuple[str, object], ...] = ()
    widget: str = "slider"
    translate_options: bool = True

    def with_limits(self, **limits: object) -> Control:
        """The same control with a different range or options (``low``, ``high``, ``options``)."""
        if "options" in limits:
            limits["options"] = tuple(o if isinstance(o, tuple) else (str(o), o)
                                      for o in limits["options"])  # type: ignore[union-attr]
        return replace(self, **limits)  # type: ignore[arg-type]

    def describe(self) -> str:
        """The label (and unit) in the current language."""
        return _(self.label) + (f" ({_(self.unit)})" if self.unit else "")

    def allowed(self) -> list[object]:
        """A choice's allowed values."""
        return [value for _label, value in self.options]


def _inputs_class(inputs_class: object) -> type:
    if not (isinstance(inputs_class, type) and dataclasses.is_dataclass(inputs_class)):
        raise TypeError("inputs_class must be an explorer's inputs dataclass such as ClvInputs; got "
                        f"{_describe(inputs_class)}.")
    return inputs_class


def _by_name(name: str, value: object) -> Mapping:
    if not isinstance(value, Mapping) or not all(isinstance(key, str) for key in value):
        raise TypeError(f"{name} must be a dict from field names to values; got {_describe(value)}.")
    return value


def slider(default: float, label: str, low: float, high: float, step: float, *, fmt: str = "",
           unit: str = "", tooltip: str = "", **tooltip_fields: object) -> Any:
    """A dataclass field shown as a slider (an integer slider for an ``int`` field).

    Parameters
    ----------
    default : float
        The explorer's starting value (and the static chart's).
    label : str
        Marked ``N_()``.
    low, high, step : float
        The slider's range and step, in the field's units.
    fmt : str
        Readout format (default ``"d"`` for integers, ``".2f"`` otherwise).
    unit, tooltip : str
        Marked ``N_()``; ``tooltip`` may hold ``{fields}`` filled from ``tooltip_fields``.
    """
    low = as_float("low", low)
    high = as_float("high", high, low=low, low_inclusive=False,
                    hint="A slider's high end must lie above its low end.")
    step = as_float("step", step, low=0.0, high=high - low, low_inclusive=False)
    meta = Control("slider", label, low, high, step, fmt, unit, tooltip,
                   tuple(tooltip_fields.items()))
    return dataclasses.field(default=default, metadata={"control": meta})


def choice(default: object, label: str, options: Sequence[tuple[str, object] | object], *,
           widget: str = "buttons", tooltip: str = "", translate_options: bool = True) -> Any:
    """A dataclass field shown as buttons, a dropdown or a slider over ``options``.

    ``options`` are ``(label, value)`` pairs (labels marked ``N_()``), or plain
    values shown as they are.
    """
    if isinstance(options, (str, bytes, Mapping)) or not isinstance(options, Sequence) or not options:
        raise TypeError("options must be a non-empty list of values or of (label, value) pairs; got "
                        f"{_describe(options)}.")
    pairs = tuple(o if isinstance(o, tuple) else (str(o), o) for o in options)
    meta = Control("choice", label, tooltip=tooltip, options=pairs, widget=widget,
                   translate_options=translate_options)
    return dataclasses.field(default=default, metadata={"control": meta})


def toggle(default: bool, label: str, *, widget: str = "checkbox", tooltip: str = "",
           **tooltip_fields: object) -> Any:
    """A yes/no dataclass field shown as a checkbox (or a toggle button, ``widget="button"``)."""
    meta = Control("toggle", label, tooltip=tooltip, tooltip_fields=tuple(tooltip_fields.items()),
                   widget=widget)
    return dataclasses.field(default=default, metadata={"control": meta})


def declared_controls(inputs_class: type, limits: dict[str, dict[str, object]] | None = None
                      ) -> dict[str, Control]:
    """The fields of ``inputs_class`` that have a control, in field order, with ``limits`` applied."""
    inputs_class = _inputs_class(inputs_class)
    limits = {} if limits is None else _by_name("limits", limits)
    for name, limit in limits.items():
        _by_name(f"limits[{name!r}]", limit)
    found = {}
    for f in fields(inputs_class):
        meta = f.metadata.get("control")
        if meta is not None:
            found[f.name] = meta.with_limits(**limits[f.name]) if f.name in limits else meta
    return found


def field_kind(inputs_class: type, name: str) -> str:
    """A field's type as a name: ``"float"``, ``"int"``, ``"str"``, ``"bool"``."""
    types = {f.name: f.type for f in fields(_inputs_class(inputs_class))}
    if not isinstance(name, str) or name not in types:
        raise ValueError(f"name must be a field of {inputs_class.__name__} ({', '.join(types)}); "
                         f"got {_describe(name)}.")
    kind = types[name]
    return kind if isinstance(kind, str) else getattr(kind, "__name__", str(kind))


def check_defaults(defaults: dict[str, object], inputs_class: type,
                   controls: dict[str, Control] | None = None) -> None:
    """Refuse starting values that are not fields of ``inputs_class``, of the wrong kind or out of range.

    Unknown names get a TypeError naming the valid ones; a number field given
    text, a yes/no value, NaN or inf, a text field given a number, or a yes/no
    field given anything but True/False, gets the validators' message naming
    the field; a value outside its control's range or options gets the
    validators' range message (a slider would clamp it silently).
    """
    inputs_class = _inputs_class(inputs_class)
    kinds = {f.name: field_kind(inputs_class, f.name) for f in fields(inputs_class)}
    if not isinstance(defaults, Mapping):
        raise TypeError(f"defaults must be a dict of starting values; got {_describe(defaults)}.")
    unknown = sorted(map(str, set(defaults) - set(kinds)))
    if unknown:
        raise TypeError(f"unknown starting value(s) {unknown} in defaults; use {', '.join(kinds)}.")
    if controls is not None:
        _by_name("controls", controls)
    controls = declared_controls(inputs_class) if controls is None else controls
    for name, value in defaults.items():
        kind = kinds[name]
        if kind == "bool":
            if not isinstance(value, (bool, np.bool_)):
                raise TypeError(f"{name} must be True or False; got {_describe(value)}.")
        elif kind == "str":
            if not isinstance(value, str):
                raise TypeError(f"{name} must be text; got {_describe(value)}.")
        elif kind in ("float", "int"):
            number = as_float(name, value)
            if kind == "int" and number != round(number):
                raise ValueError(f"{name} must be a whole number; got {_describe(value)}.")
        check_ranges({name: value}, controls)


def _same(value: object, option: object) -> bool:
    """``value == option`` for one value, False where the comparison has no single answer."""
    try:
        return bool(value == option)
    except (TypeError, ValueError):
        return False


def check_ranges(defaults: dict[str, object], controls: dict[str, Control]) -> None:
    """Refuse a starting value outside its declared range or options, with the validators' message."""
    _by_name("defaults", defaults)
    _by_name("controls", controls)
    for name, value in defaults.items():
        control = controls.get(name)
        if control is None:
            continue
        if control.kind == "slider":
            as_float(name, value, low=control.low, high=control.high,
                     hint="That is the explorer's range for it.")
        elif control.kind == "choice" and not any(_same(value, option) for option in control.allowed()):
            listed = ", ".join(repr(v) for v in control.allowed())
            raise ValueError(f"{name} must be one of {listed}; got {_describe(value)}.")


