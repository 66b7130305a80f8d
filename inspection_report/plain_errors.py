"""Turns pydantic validation errors into sentences an editor understands, with locations."""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from inspection_report.errors import Problem
from inspection_report.yaml_source import YamlDocument


def problems_from_validation(
    error: ValidationError, model: type[BaseModel], doc: YamlDocument, prefix: tuple = ()
) -> list[Problem]:
    details = error.errors()
    misspelt = _misspelt_required_keys(details, model)
    problems = []
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing" and loc in misspelt:
            continue
        if detail["type"] == "extra_forbidden":
            where = doc.locate_key((*prefix, *loc))
        else:
            where = doc.locate((*prefix, *loc))
        problems.append(Problem(where, _sentence(detail, model, loc)))
    return problems


def _misspelt_required_keys(details: list[ErrorDetails], model: type[BaseModel]) -> set[tuple]:
    """Missing keys explained by an unknown key beside them (a typo): report the typo only."""
    unknown: dict[tuple, list[str]] = {}
    for detail in details:
        if detail["type"] == "extra_forbidden":
            loc = tuple(detail["loc"])
            unknown.setdefault(loc[:-1], []).append(str(loc[-1]))
    explained = set()
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] == "missing":
            typos = unknown.get(loc[:-1], [])
            if difflib.get_close_matches(str(loc[-1]), typos, n=1):
                explained.add(loc)
    return explained


def _sentence(detail: ErrorDetails, model: type[BaseModel], loc: tuple) -> str:
    kind = detail["type"]
    field = _field_name(loc)
    got = detail.get("input")
    shown = repr(got) if isinstance(got, str) else str(got)
    if kind == "extra_forbidden":
        known = _field_names(model, loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; expected one of: {', '.join(known)}"
        return f"unknown key '{loc[-1]}'{suggestion}"
    if kind == "missing":
        return f"missing required key '{loc[-1]}'"
    if kind in {"int_parsing", "int_type", "int_from_float", "int_parsing_size"}:
        described = _description(model, loc)
        if described.lower().startswith("a whole number"):
            return f"{field}: expected {described[0].lower()}{described[1:].rstrip('.')}, got {shown}"
        return f"{field}: expected a whole number, got {shown}"
    if kind in {"float_parsing", "float_type"}:
        return f"{field}: expected a number, got {shown}"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{field}: expected true or false, got {shown}"
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",") if c.strip()]
        hint = difflib.get_close_matches(str(got), choices, n=1)
        suggestion = f"; did you mean '{hint[0]}'?" if hint else ""
        return f"{field}: expected one of {', '.join(choices)}, got {shown}{suggestion}"
    if kind == "string_pattern_mismatch":
        return (
            f"{field}: {shown} is not a valid id; use lower-case words joined by hyphens, "
            "such as 'crc-risk-correct'"
        )
    if kind in {"greater_than_equal", "greater_than"}:
        limit = detail.get("ctx", {}).get("ge", detail.get("ctx", {}).get("gt"))
        return f"{field}: must be at least {limit}, got {shown}"
    if kind in {"less_than_equal", "less_than"}:
        limit = detail.get("ctx", {}).get("le", detail.get("ctx", {}).get("lt"))
        return f"{field}: must be at most {limit:,}, got {shown}"
    if kind == "finite_number":
        return f"{field}: expected a finite number, got {shown}"
    if kind in {"list_type"}:
        return f"{field}: expected a list (lines starting with '- '), got {_describe(got)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"{field}: expected a set of 'key: value' lines, got {_describe(got)}"
    if kind in {"string_type"}:
        return f"{field}: expected text, got {_describe(got)}"
    if kind in {"too_short", "string_too_short"}:
        return f"{field}: must not be empty"
    if kind == "value_error":
        return f"{field}: {detail['msg'].removeprefix('Value error, ')}"
    return f"{field}: {detail['msg']}"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    return repr(value)


def _field_name(loc: tuple) -> str:
    names = [str(part) for part in loc if not isinstance(part, int)]
    return names[-1] if names else "value"


def _description(model: type[BaseModel], loc: tuple) -> str:
    """The description declared on the field at `loc`, or ''."""
    parent: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        fields = getattr(parent, "model_fields", {})
        if part not in fields:
            return ""
        parent = _inner_model(fields[part].annotation)
    info = getattr(parent, "model_fields", {}).get(str(loc[-1]))
    return (info.description or "") if info is not None else ""


def _field_names(model: type[BaseModel], loc: tuple) -> list[str]:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", {})
        if part not in fields:
            return []
        current = _inner_model(fields[part].annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    """The model class inside list[X], X | None or Annotated[X, ...]."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin in {list, typing.Union, types.UnionType}:
        for arg in typing.get_args(annotation):
            inner = _inner_model(arg)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return annotation
