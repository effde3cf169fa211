"""Validation messages in the user's language, and marshmallow for HTML forms too.

marshmallow's built-in messages are replaced by lazy strings: they are formatted when an
error is raised, inside the request, so each user reads them in the language of the page.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, Schema, ValidationError, fields, pre_load, validate
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import Conflict, UnprocessableEntity

from community.core.i18n import N_

INVALID_INPUT = N_("入力内容に誤りがあります。")


class ValidationFailed(UnprocessableEntity):
    """A 422 raised by a service with field messages, like a schema's."""

    def __init__(self, errors: dict, message: str | None = None) -> None:
        super().__init__(description=message or INVALID_INPUT)
        self.errors = errors


EMAIL_INVALID = N_("メールアドレスの形式が正しくありません。")


def localise(messages):
    """Field messages as plain strings in the user's language, whatever their nesting."""
    if isinstance(messages, dict):
        # a lazy message is not a ``str``, so marshmallow leaves it unwrapped: wrap it here
        return {
            key: localise(value if isinstance(value, dict | list | tuple) else [value])
            for key, value in messages.items()
        }
    if isinstance(messages, list | tuple):
        return [localise(value) for value in messages]
    return gettext(str(messages)) if messages is not None else messages


def install_messages() -> None:
    """Runs once, on import, before any schema class is built (fields copy messages then)."""
    fields.Field.default_error_messages.update(
        {
            "required": _l("必須項目です。"),
            "null": _l("空にはできません。"),
            "validator_failed": _l("値が正しくありません。"),
        }
    )
    fields.String.default_error_messages["invalid"] = _l("文字列を入力してください。")
    # Email insists on a plain string; ``localise`` translates it when it is shown.
    fields.Email.default_error_messages["invalid"] = EMAIL_INVALID
    fields.Integer.default_error_messages["invalid"] = _l("整数を入力してください。")
    fields.Number.default_error_messages["too_large"] = _l("数値が大きすぎます。")
    fields.Boolean.default_error_messages["invalid"] = _l("真偽値を入力してください。")
    fields.Date.default_error_messages["invalid"] = _l(
        "日付の形式が正しくありません（例: 2026-03-31）。"
    )
    fields.DateTime.default_error_messages["invalid"] = _l("日時の形式が正しくありません。")
    fields.List.default_error_messages["invalid"] = _l("リストを入力してください。")
    fields.Nested.default_error_messages["type"] = _l("オブジェクトを入力してください。")
    Schema._default_error_messages.update(
        {"type": _l("入力の形式が正しくありません。"), "unknown": _l("不明な項目です。")}
    )
    validate.Length.message_min = _l("{min}文字以上で入力してください。")
    validate.Length.message_max = _l("{max}文字以内で入力してください。")
    validate.Length.message_all = _l("{min}〜{max}文字で入力してください。")
    validate.Length.message_equal = _l("{equal}文字で入力してください。")
    # Range formats its messages once when built, so these stay plain strings.
    validate.Range.message_min = "{{min}}以上の値を入力してください。"
    validate.Range.message_max = "{{max}}以下の値を入力してください。"
    validate.Range.message_all = "{{min}}〜{{max}}の値を入力してください。"
    validate.OneOf.default_message = _l("選択肢から選んでください。")
    validate.Regexp.default_message = _l("形式が正しくありません。")
    validate.Email.default_message = EMAIL_INVALID


install_messages()


def load_form(schema: Schema, form: MultiDict, *, partial: bool = False) -> tuple[dict, dict]:
    """Load an HTML form with the API's schema. Returns ``(data, errors)``.

    Empty inputs count as absent, lists come from repeated keys, and an unticked
    checkbox is ``False``.
    """
    raw: dict = {}
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        key = field.data_key or name
        if isinstance(field, fields.List):
            values = [v for v in form.getlist(key) if v != ""]
            if values or key in form:
                raw[key] = values
        elif isinstance(field, fields.Boolean):
            raw[key] = key in form and form.get(key) not in ("", "0", "false", "off")
        elif key in form:
            value = form.get(key, "")
            if value.strip() == "":
                if field.allow_none and not field.required:
                    raw[key] = None
                continue  # an empty required input reads as missing: "必須項目です。"
            raw[key] = value
    try:
        return schema.load(raw, partial=partial, unknown=EXCLUDE), {}
    except ValidationError as error:
        return {}, localise(error.normalized_messages())


_ROW_INPUT = re.compile(r"^(?P<list>[a-z_]+)-(?P<index>\d{1,4})-(?P<field>[a-z_]+)$")
LIST_SEPARATORS = re.compile(r"[,、，\n]")


def form_rows(
    form: MultiDict, name: str, *, key: str | None = None, flags: Collection[str] = ()
) -> list[dict[str, str]]:
    """The repeated rows of a form, posted as ``<name>-<n>-<field>``, in the order of ``n``.

    A row whose inputs are all empty is left out, so a form can always offer a blank row;
    ``flags`` (checkboxes ticked by default) do not count, and with ``key`` a row whose ``key``
    input is empty is left out. The result's positions are those a schema's nested errors use:
    ``{name: {position: {field: [...]}}}``.
    """
    rows: dict[int, dict[str, str]] = {}
    for input_name in form:
        match = _ROW_INPUT.match(input_name)
        if match and match["list"] == name:
            rows.setdefault(int(match["index"]), {})[match["field"]] = form.get(input_name, "")
    kept = []
    for _index, row in sorted(rows.items()):
        if key is not None and not row.get(key, "").strip():
            continue
        if any(value.strip() for field, value in row.items() if field not in flags):
            kept.append(row)
    return kept


def schema_rows(
    schema: Schema, form: MultiDict, *, keys: Mapping[str, str] | None = None
) -> dict[str, list[dict[str, str]]]:
    """``form_rows`` for each ``List(Nested(...))`` field of ``schema`` that the form posted,
    as the page shows them again and as ``load_form_rows`` loads them."""
    posted = {name.split("-", 1)[0] for name in form if _ROW_INPUT.match(name)}
    found = {}
    for name, field in schema.fields.items():
        key = field.data_key or name
        if field.dump_only or key not in posted:
            continue
        if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            inner = field.inner.schema.fields.values()
            flags = [f.data_key or f.name for f in inner if isinstance(f, fields.Boolean)]
            found[key] = form_rows(form, key, key=(keys or {}).get(key), flags=flags)
    return found


def _raw_value(field: fields.Field, present: bool, value: str, raw: dict, key: str) -> None:
    """One input as ``load_form`` reads it: empty is absent (or ``None``), unticked is False."""
    if isinstance(field, fields.Boolean):
        raw[key] = present and value not in ("", "0", "false", "off")
    elif present:
        if value.strip() == "":
            if field.allow_none and not field.required:
                raw[key] = None
            return
        raw[key] = value


def load_form_rows(
    schema: Schema,
    form: MultiDict,
    *,
    partial: bool = False,
    keys: Mapping[str, str] | None = None,
    split: tuple[str, ...] = (),
) -> tuple[dict, dict]:
    """``load_form`` for a form with repeated rows of nested fields (``subsidies-0-programme``).

    Each ``List(Nested(...))`` field is read with ``form_rows`` (``keys`` names a row's key
    input per list); a list is sent when any of its inputs is on the form, so a form whose rows
    were all emptied replaces the stored rows with none. Inputs named in ``split`` hold a list
    typed into one box, separated by commas or new lines. Then the API's schema loads it all.
    """
    raw: dict = {}
    rows_fields = {}
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        key = field.data_key or name
        if isinstance(field, fields.List) and isinstance(field.inner, fields.Nested):
            rows_fields[key] = field.inner.schema
        elif key in split:
            if key in form:
                items = LIST_SEPARATORS.split(form.get(key, ""))
                raw[key] = [item.strip() for item in items if item.strip()]
        elif isinstance(field, fields.List):
            values = [v for v in form.getlist(key) if v != ""]
            if values or key in form:
                raw[key] = values
        else:
            _raw_value(field, key in form, form.get(key, ""), raw, key)
    for key, rows in schema_rows(schema, form, keys=keys).items():
        inner = rows_fields[key]
        raw[key] = []
        for row in rows:
            loaded: dict = {}
            for name, field in inner.fields.items():
                if not field.dump_only:
                    input_key = field.data_key or name
                    _raw_value(field, input_key in row, row.get(input_key, ""), loaded, input_key)
            raw[key].append(loaded)
    try:
        return schema.load(raw, partial=partial, unknown=EXCLUDE), {}
    except ValidationError as error:
        return {}, localise(error.normalized_messages())


_FORBIDDEN_CHARACTERS = re.compile("[\x00\ud800-\udfff]")


class BaseSchema(Schema):
    """Every input schema: text with NUL or a lone surrogate is refused before any field sees it.

    PostgreSQL cannot store NUL, a lone surrogate cannot be encoded at all, and no user means
    to type either.
    """

    @pre_load
    def refuse_unstorable_text(self, data, **kwargs):
        if _has_forbidden(data):
            raise ValidationError(N_("使用できない文字が含まれています。"), "_schema")
        return data

    @pre_load
    def refuse_numbers_as_booleans(self, data, **kwargs):
        """A JSON boolean is ``true`` or ``false``, as documented, never ``0`` or ``1``.

        Text is left to the field: query strings and forms, read into dicts by pages, carry
        ``"true"`` and ``"false"`` as text.
        """
        if not isinstance(data, Mapping):
            return data
        flags = [f for f in self.load_fields.values() if isinstance(f, fields.Boolean)]
        errors = {
            key: [fields.Boolean.default_error_messages["invalid"]]
            for key in (f.data_key or f.name for f in flags)
            if isinstance(data.get(key), int | float) and not isinstance(data[key], bool)
        }
        if errors:
            raise ValidationError(errors)
        return data


class PartialUpdate:
    """An update schema: any top-level field may be left out, but a nested row sent is whole.

    ``partial=True`` would reach into nested rows too and let a row without its required
    fields through to the database.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", tuple(self._declared_fields))
        super().__init__(*args, **kwargs)


def _has_forbidden(value) -> bool:
    if isinstance(value, str):
        return _FORBIDDEN_CHARACTERS.search(value) is not None
    if isinstance(value, Mapping):
        return any(_has_forbidden(k) or _has_forbidden(value[k]) for k in value)
    if isinstance(value, list | tuple):
        return any(_has_forbidden(v) for v in value)
    return False


def submit_form(
    schema: Schema, form: MultiDict, action, *, partial: bool = False, loader=None, **options
):
    """Load a form, run the service ``action(**data)``; returns ``(result, errors)``.

    A service's field errors (422) and conflicts (409) become form errors, so that the page
    shows them beside the input instead of an error page. ``loader`` (``load_form`` unless
    given, e.g. ``load_form_rows``) reads the form, with ``options``.
    """
    data, errors = (loader or load_form)(schema, form, partial=partial, **options)
    if errors:
        return None, errors
    try:
        return action(**data), {}
    except ValidationFailed as error:
        return None, localise(error.errors)
    except Conflict as error:
        return None, {"_schema": [gettext(str(error.description))]}


def flat_messages(errors: dict) -> str:
    """Every message of a (nested) error dict once, in order, as one line for a flash."""
    flat: list[str] = []

    def walk(value):
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        else:
            flat.append(str(value))

    walk(errors)
    return " ".join(dict.fromkeys(flat))
