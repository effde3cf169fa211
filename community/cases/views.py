"""HTML pages for the case library: thin handlers over ``cases.services``."""

from __future__ import annotations

import math
from functools import partial

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from markupsafe import Markup
from marshmallow import EXCLUDE, ValidationError
from werkzeug.exceptions import Forbidden

from community.cases import services
from community.cases.schemas import (
    AnswerSchema,
    CaseQueryArgsSchema,
    CaseSchema,
    CaseUpdateSchema,
    QuestionSchema,
    RolloutSchema,
    RolloutUpdateSchema,
    UnpublishSchema,
)
from community.core.cache import VersionedCache, current_versions
from community.core.i18n import N_
from community.core.templating import url_with
from community.core.validation import load_form_rows, schema_rows, submit_form
from community.events import services as events
from community.experts import services as experts
from community.extensions import db
from community.labs import services as labs
from community.labs.models import Lab

blp = Blueprint("cases", __name__)

# English names for the codes of ``cases.reference``; the message ids are the Japanese names.
CHALLENGE_LABELS = {
    "talent": _l("人材不足"),
    "motivation": _l("意欲醸成"),
    "awareness": _l("理解不足"),
    "support": _l("支援整備"),
    "funding": _l("財源不足"),
}
INDUSTRY_LABELS = {
    "A": _l("農業，林業"),
    "B": _l("漁業"),
    "C": _l("鉱業，採石業，砂利採取業"),
    "D": _l("建設業"),
    "E": _l("製造業"),
    "F": _l("電気・ガス・熱供給・水道業"),
    "G": _l("情報通信業"),
    "H": _l("運輸業，郵便業"),
    "I": _l("卸売業，小売業"),
    "J": _l("金融業，保険業"),
    "K": _l("不動産業，物品賃貸業"),
    "L": _l("学術研究，専門・技術サービス業"),
    "M": _l("宿泊業，飲食サービス業"),
    "N": _l("生活関連サービス業，娯楽業"),
    "O": _l("教育，学習支援業"),
    "P": _l("医療，福祉"),
    "Q": _l("複合サービス事業"),
    "R": _l("サービス業（他に分類されないもの）"),
    "S": _l("公務（他に分類されるものを除く）"),
    "T": _l("分類不能の産業"),
}
SIZE_BAND_LABELS = {
    "1-5": _l("1〜5人"),
    "6-20": _l("6〜20人"),
    "21-50": _l("21〜50人"),
    "51-100": _l("51〜100人"),
    "101-300": _l("101〜300人"),
    "301+": _l("301人以上"),
}
PROGRAMME_LABELS = {
    "it_introduction": _l("IT導入補助金"),
    "mic": _l("総務省の事業"),
    "honorarium": _l("講師謝金支援"),
    "regional_dx_community": _l("地域DXコミュニティ"),
    "prefectural": _l("都道府県の補助金"),
    "municipal": _l("市区町村の補助金"),
    "other": _l("その他"),
}
POLICY_LABELS = {
    "dx_certification": _l("DX認定"),
    "mitou_akatsuki": _l("未踏・AKATSUKI"),
    "manabi_dx": _l("マナビDX・マナビDX Quest"),
    "dx_selection": _l("DXセレクション推薦"),
}
STATUS_LABELS = {"draft": _l("下書き"), "published": _l("公開")}
SORT_LABELS = {"relevance": _l("関連度順"), "newest": _l("新しい順")}
FACET_LABELS = {
    "q": _l("キーワード"),
    "region": _l("地域"),
    "prefecture": _l("都道府県"),
    "industry": _l("業種"),
    "size_band": _l("従業員規模"),
    "challenge": _l("課題分類"),
    "programme": _l("補助制度"),
    "fiscal_year": _l("年度"),
    "simple_dx": _l("簡単なDX"),
    "has_outcomes": _l("成果の数値"),
    "lab": _l("ラボ"),
    "status": _l("状態"),
    "sort": _l("並び順"),
    "page": _l("ページ"),
    "per_page": _l("表示件数"),
}
NO_CASE_LABS = N_("事例を投稿できるのは、ラボのメンバーと事務局です。")

# what the form reads from repeated rows and comma-separated boxes
ROW_KEYS = {"policies": "policy"}
SPLIT_INPUTS = ("tags", "technologies")


def _user():
    return current_user._get_current_object()


_RESOLVED: dict[tuple[int, str], dict[str, str]] = {}


def _resolved(labels: dict) -> dict[str, str]:
    """One of the label dicts above as plain strings in the page's language, translated once
    per process and language rather than once per row or per page."""
    key = (id(labels), str(get_locale()))
    found = _RESOLVED.get(key)
    if found is None:
        found = _RESOLVED[key] = {code: str(label) for code, label in labels.items()}
    return found


# --- figures ----------------------------------------------------------------------------------


def number(value) -> str:
    """1234567.0 -> "1,234,567"; 0.25 -> "0.25"."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def change_percent(before, after) -> str | None:
    """The change from ``before`` to ``after`` as a signed percentage, e.g. "−33.3%"."""
    if before is None or after is None or before == 0:
        return None
    change = (after - before) / abs(before) * 100
    if not math.isfinite(change):
        return None
    text = f"{abs(change):,.1f}".removesuffix(".0")
    return ("+" if change > 0 else "−" if change < 0 else "±") + text + "%"


def yen(value) -> str:
    return "" if value is None else _("%(amount)s円", amount=f"{value:,}")


@blp.app_template_filter("number")
def _number_filter(value):
    return number(value)


@blp.app_template_filter("yen")
def _yen_filter(value):
    return yen(value)


@blp.app_template_filter("percent")
def _percent_filter(rate):
    return "" if rate is None else number(round(rate * 100, 2)) + "%"


# --- the library -----------------------------------------------------------------------------


def _query_args(args) -> tuple[dict, list[str]]:
    """The query's valid arguments, and the names of those left out because they are wrong."""
    raw = {key: value for key, value in args.items() if value.strip() != ""}
    schema = CaseQueryArgsSchema()
    ignored: list[str] = []
    while True:
        try:
            return schema.load(raw, unknown=EXCLUDE), ignored
        except ValidationError as error:
            # leave out the wrong arguments; a complaint about the whole query drops it all
            bad = [key for key in error.messages if key in raw] or list(raw)
            if not bad:
                raise
            ignored += bad
            for key in bad:
                raw.pop(key)


def _place_names() -> tuple[dict[str, str], dict[str, str]]:
    """Region and prefecture names in the page's language, by code, in their usual order."""
    return labs.place_names(get_locale().language == "ja")


def _facet_options(
    facets: dict, region_names: dict, prefecture_names: dict, lab_names: dict[int, str]
) -> dict[str, list]:
    """For each facet, ``(value, label, count)`` of the values that the results hold."""

    def options(name, labels, order):
        counts = facets.get(name, {})
        return [(key, labels.get(key, key), counts[key]) for key in order if key in counts]

    year_label = _("%(year)s年度", year="{}")
    return {
        "region": options("region", region_names, list(region_names)),
        "prefecture": options("prefecture", prefecture_names, list(prefecture_names)),
        "industry": options("industry", _resolved(INDUSTRY_LABELS), list(INDUSTRY_LABELS)),
        "size_band": options("size_band", _resolved(SIZE_BAND_LABELS), list(SIZE_BAND_LABELS)),
        "challenge": options("challenge", _resolved(CHALLENGE_LABELS), list(CHALLENGE_LABELS)),
        "programme": options("programme", _resolved(PROGRAMME_LABELS), list(PROGRAMME_LABELS)),
        "fiscal_year": [
            (year, year_label.format(year), n)
            for year, n in sorted(facets.get("fiscal_year", {}).items(), reverse=True)
        ],
        "simple_dx": options(
            "simple_dx", {"true": _("簡単なDXのみ"), "false": _("簡単なDX以外")}, ["true", "false"]
        ),
        "has_outcomes": options(
            "has_outcomes", {"true": _("あり"), "false": _("なし")}, ["true", "false"]
        ),
        "lab": sorted(
            ((key, lab_names.get(int(key), key), n) for key, n in facets.get("lab", {}).items()),
            key=lambda option: option[1],
        ),
    }


def _value_label(name: str, value, options: dict[str, list]) -> str:
    if name == "q":
        return str(value)
    if name == "status":
        return str(STATUS_LABELS[value])
    key = ("true" if value else "false") if isinstance(value, bool) else str(value)
    found = {k: label for k, label, _n in options.get(name, ())}
    if key in found:
        return found[key]
    if name == "fiscal_year":
        return _("%(year)s年度", year=value)
    return key


def _chosen(options: dict[str, list], args: dict) -> dict[str, list]:
    """Each option as ``(value, label, count, selected)``, decided here rather than per option
    in the template."""
    chosen = {}
    for name, values in options.items():
        value = args.get(name)
        key = (
            None
            if value is None
            else ("true" if value else "false")
            if isinstance(value, bool)
            else str(value)
        )
        chosen[name] = [(v, label, n, v == key) for v, label, n in values]
    return chosen


def _lab_names(facets: dict) -> dict[int, str]:
    """The names of the labs in the lab facet: one light statement (a read, no change)."""
    ids = [int(key) for key in facets.get("lab", {})]
    if not ids:
        return {}
    return dict(db.session.execute(sa.select(Lab.id, Lab.name).where(Lab.id.in_(ids))).all())


def _listing(
    args: dict, ignored: list[str], lab_names: dict[int, str] | None, fixed: tuple[str, ...] = ()
) -> dict:
    """What a page of cases shows: the results, facet options, chips and page links.

    ``fixed`` names arguments that the page sets itself, which get no chip."""
    skip = ("page", "per_page", "sort", *fixed)
    filters = {k: v for k, v in args.items() if k not in skip}
    found = services.browse_cases(_user(), **args)
    region_names, prefecture_names = _place_names()
    if lab_names is None:
        lab_names = _lab_names(found["facets"])
    options = _facet_options(found["facets"], region_names, prefecture_names, lab_names)
    drop = dict.fromkeys(ignored)  # a link leaves the wrong arguments behind
    chips = [
        (
            FACET_LABELS[name],
            _value_label(name, value, options),
            url_with(**{**drop, name: None, "page": None}),
        )
        for name, value in filters.items()
    ]
    meta = found["meta"]
    pages = {
        "prev": url_with(**drop, page=meta["page"] - 1) if meta["page"] > 1 else None,
        "next": url_with(**drop, page=meta["page"] + 1) if meta["page"] < meta["pages"] else None,
    }
    return {
        "cases": found["items"],
        "meta": meta,
        "args": args,
        "options": _chosen(options, args),
        "chips": chips,
        "clear_url": url_for(request.endpoint, **(request.view_args or {})),
        "pages": pages,
        "ignored": [str(FACET_LABELS.get(name, name)) for name in ignored],
        "region_names": region_names,
        "prefecture_names": prefecture_names,
        "place_format": _("%(prefecture)s（%(region)s）"),
        "challenge_labels": _resolved(CHALLENGE_LABELS),
        "status_labels": _resolved(STATUS_LABELS),
    }


def _writable_labs(user) -> list:
    """The labs the user may post cases for (every lab for the secretariat), by name."""
    if not user.is_authenticated:
        return []
    return [lab for lab in labs.labs_for_directory() if services.can_write_case(user, lab.id)]


# The rendered library (form, facets, results) by reader, language and query, valid for one
# version of the cases and of the labs (whose names it shows). A page view that finds it costs
# one statement and the page's frame; DESIGN.md, "Speed".
_library_html = VersionedCache(size=512)
# A visitor's whole page, by language and URL: nothing else in it differs between visitors
# (a visitor with a message to flash gets the page rendered for them).
_visitor_pages = VersionedCache(size=256)


@blp.get("/cases")
def index():
    user = _user()
    locale = str(get_locale())
    version = current_versions(services.LIBRARY, labs.DIRECTORY)
    visitor = not user.is_authenticated and "_flashes" not in session
    if visitor and (page := _visitor_pages.get((locale, request.full_path), version)):
        return page
    key = (services.reader_key(user), locale, request.query_string)
    library = _library_html.get(key, version)
    if library is None:
        args, ignored = _query_args(request.args)
        library = Markup(
            render_template(
                "cases/_library.html",
                **_listing(args, ignored, labs.lab_names(version[1])),
                sort_labels=_resolved(SORT_LABELS),
            )
        )
        _library_html.put(key, version, library)
    can_post = user.is_authenticated and (user.is_secretariat or bool(user.memberships))
    page = render_template("cases/index.html", library=library, can_post=can_post)
    if visitor:
        _visitor_pages.put((locale, request.full_path), version, page)
    return page


@blp.get("/labs/<slug>/cases")
def lab_cases(slug: str):
    lab = labs.get_lab_by_slug(slug)
    args, ignored = _query_args(request.args)
    args["lab"] = lab.id
    if "sort" not in request.args:
        args["sort"] = "newest"
    listing = _listing(args, ignored, {lab.id: lab.name}, fixed=("lab",))
    return render_template(
        "cases/lab.html",
        lab=lab,
        **listing,
        can_write=services.can_write_case(_user(), lab.id),
    )


# --- one case -------------------------------------------------------------------------------


@blp.get("/cases/<int:case_id>")
def detail(case_id: int):
    return _detail_page(services.get_case(_user(), case_id))


def _detail_page(case, *, errors: dict | None = None, form=None, status: int = 200):
    ja = get_locale().language == "ja"
    prefecture = case.prefecture
    return render_template(
        "cases/detail.html",
        case=case,
        place=(
            (prefecture.name_ja, prefecture.region.name_ja)
            if ja
            else (prefecture.name_en, prefecture.region.name_en)
        )
        if prefecture
        else None,
        changes={o.id: change_percent(o.value_before, o.value_after) for o in case.outcomes},
        can_write=services.can_write_case(_user(), case.lab_id),
        CASE_CHALLENGE_LABELS=CHALLENGE_LABELS,
        CASE_INDUSTRY_LABELS=INDUSTRY_LABELS,
        CASE_SIZE_BAND_LABELS=SIZE_BAND_LABELS,
        CASE_PROGRAMME_LABELS=PROGRAMME_LABELS,
        CASE_POLICY_LABELS=POLICY_LABELS,
        errors=errors or {},
        form=form,
        events=events.events_for_case(_user(), case.id),
        recommended_experts=experts.recommend_for_case_page(case),
        **_engagement(case),
    ), status


# --- the form -------------------------------------------------------------------------------


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _values_from_case(case) -> tuple[dict, dict]:
    values = {
        "lab_id": str(case.lab_id),
        "title": case.title,
        "summary": case.summary,
        "body": case.body,
        "prefecture": case.prefecture_code or "",
        "industry": case.industry or "",
        "size_band": case.size_band or "",
        "challenges": case.challenge_codes,
        "tags": ", ".join(case.tag_names),
        "technologies": ", ".join(case.technologies),
        "simple_dx": case.simple_dx,
        "status": case.status,
        "period_start": _plain(case.period_start and case.period_start.isoformat()),
        "period_end": _plain(case.period_end and case.period_end.isoformat()),
        "contact": case.contact,
    }
    rows = {
        "subsidies": [
            {
                **{
                    name: _plain(getattr(s, name))
                    for name in (
                        "programme",
                        "frame",
                        "administering_body",
                        "fiscal_year",
                        "amount_granted",
                        "subsidy_rate",
                        "total_cost",
                        "vendor",
                        "notes",
                    )
                },
                "adopted": "1" if s.adopted else "",
            }
            for s in case.subsidies
        ],
        "outcomes": [
            {
                name: _plain(getattr(o, name))
                for name in ("metric", "value_before", "value_after", "unit", "period", "evidence")
            }
            for o in case.outcomes
        ],
        "policies": {p.policy: str(p.count) for p in case.policies},
    }
    return values, rows


def _values_from_form(form, schema) -> tuple[dict, dict]:
    values = {key: form.get(key, "") for key in form if "-" not in key}
    values["challenges"] = form.getlist("challenges")
    values["simple_dx"] = "simple_dx" in form
    found = schema_rows(schema, form, keys=ROW_KEYS)
    rows = {
        "subsidies": found.get("subsidies", []),
        "outcomes": found.get("outcomes", []),
        "policies": {row["policy"]: row.get("count", "") for row in found.get("policies", [])},
    }
    return values, rows


def _flat(messages) -> list[str]:
    """Messages of a field, whatever their nesting (a list's item errors: ``{0: [...]}``)."""
    if isinstance(messages, dict):
        return [m for value in messages.values() for m in _flat(value)]
    if isinstance(messages, list | tuple):
        return [m for value in messages for m in _flat(value)]
    return [str(messages)]


def _form_errors(errors: dict, rows: dict) -> tuple[dict, dict]:
    """Field messages as flat lists, and the rows' messages by row (or by policy) and field."""
    row_errors: dict = {"subsidies": {}, "outcomes": {}, "policies": {}}
    flat: dict = {}
    for name, messages in errors.items():
        if name in row_errors and isinstance(messages, dict):
            keys = list(rows["policies"]) if name == "policies" else None
            for index, fields_ in messages.items():
                if not isinstance(index, int) or not isinstance(fields_, dict):
                    flat.setdefault(name, []).extend(_flat(fields_))
                    continue
                target = keys[index] if keys is not None and index < len(keys) else index
                row_errors[name][target] = {k: _flat(v) for k, v in fields_.items()}
        else:
            flat[name] = _flat(messages)
    return flat, row_errors


def _case_form(case=None):
    user = _user()
    writable = _writable_labs(user)
    if case is None and not writable:
        raise Forbidden(_(NO_CASE_LABS))
    schema = CaseSchema() if case is None else CaseUpdateSchema()
    errors: dict = {}
    if request.method == "POST":
        if case is None:
            action = partial(services.do_create_case, user)
        else:
            action = partial(services.do_update_case, user, case)
        saved, errors = submit_form(
            schema,
            request.form,
            action,
            # an edit may leave fields out, but a row it sends is whole: ``partial=True``
            # would reach into the rows and let one without its programme through
            partial=tuple(schema.fields) if case is not None else False,
            loader=load_form_rows,
            keys=ROW_KEYS,
            split=SPLIT_INPUTS,
        )
        if not errors:
            flash(_("事例を保存しました。"), "success")
            return redirect(url_for("cases.detail", case_id=saved.id))
        values, rows = _values_from_form(request.form, schema)
    elif case is not None:
        values, rows = _values_from_case(case)
    else:
        values = {"lab_id": request.args.get("lab", ""), "status": "draft", "challenges": []}
        rows = {"subsidies": [], "outcomes": [], "policies": {}}
    field_errors, row_errors = _form_errors(errors, rows)
    return (
        render_template(
            "cases/form.html",
            case=case,
            values=values,
            rows=rows,
            errors=field_errors,
            row_errors=row_errors,
            labs=writable,
            regions=labs.list_regions(),
            industry_labels=INDUSTRY_LABELS,
            size_band_labels=SIZE_BAND_LABELS,
            challenge_labels=CHALLENGE_LABELS,
            programme_labels=_resolved(PROGRAMME_LABELS),
            policy_labels=POLICY_LABELS,
            status_labels=STATUS_LABELS,
        ),
        422 if errors else 200,
    )


@blp.route("/cases/new", methods=["GET", "POST"])
@login_required
def create():
    return _case_form()


@blp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
@login_required
def edit(case_id: int):
    case = services.get_case(_user(), case_id)
    services.check_can_write_case(_user(), case.lab_id)
    return _case_form(case)


@blp.post("/cases/<int:case_id>/delete")
@login_required
def delete(case_id: int):
    case = services.get_case(_user(), case_id)
    slug = case.lab.slug
    services.do_delete_case(_user(), case)
    flash(_("事例を削除しました。"), "success")
    return redirect(url_for("cases.lab_cases", slug=slug))


# --- rollouts, やってみたい, questions, moderation -----------------------------------------------

ROLLOUT_STATUS_LABELS = {
    "planned": _l("計画中"),
    "in_progress": _l("実施中"),
    "done": _l("実施済み"),
}
LINEAGE_KIND_LABELS = {
    "original": _l("元の事例"),
    "adaptation": _l("地域版の事例"),
    "adoption": _l("導入の記録"),
}


def _engagement(case) -> dict:
    """What the case page shows below the case: lineage, やってみたい, questions, forms."""
    user = _user()
    lineage = services.lineage(user, case)
    rollouts = [e["rollout"] for e in lineage["entries"] if e["rollout"] is not None]
    region_names, prefecture_names = _place_names()
    return {
        "lineage": lineage,
        "comparison": services.outcome_comparison(lineage["entries"]),
        "questions": services.list_questions(case),
        "interest": services.interest_state(user, case),
        "rollout_labs": services.labs_that_may_adopt(user, case),
        "own_rollouts": services.rollouts_editable_by(
            user, [r for r in rollouts if r.case_id == case.id]
        ),
        "adaptable_cases": services.adaptable_cases(user, case),
        "place_names": {"regions": region_names, "prefectures": prefecture_names},
        "can_moderate": user.is_authenticated and user.is_secretariat,
        "ROLLOUT_STATUS_LABELS": _resolved(ROLLOUT_STATUS_LABELS),
        "LINEAGE_KIND_LABELS": _resolved(LINEAGE_KIND_LABELS),
    }


def _after(case_id: int, message: str, anchor: str):
    flash(message, "success")
    return redirect(url_for("cases.detail", case_id=case_id, _anchor=anchor))


def _engagement_form(case_id: int, schema, action, section: str, done: str, anchor: str):
    """A form below the case: errors go back to the case page, under ``section``."""
    case = services.get_case(_user(), case_id)
    _result, errors = submit_form(schema, request.form, partial(action, _user(), case))
    if errors:
        return _detail_page(case, errors={section: errors}, form=request.form, status=422)
    return _after(case_id, done, anchor)


@blp.post("/cases/<int:case_id>/interest")
@login_required
def interest(case_id: int):
    case = services.get_case(_user(), case_id)
    if request.form.get("action") == "withdraw":
        services.do_withdraw_interest(_user(), case)
        return _after(case_id, _("やってみたいを取り消しました。"), "interest")
    services.do_register_interest(_user(), case)
    return _after(case_id, _("やってみたいを記録しました。"), "interest")


@blp.post("/cases/<int:case_id>/questions")
@login_required
def ask_question(case_id: int):
    return _engagement_form(
        case_id, QuestionSchema(), services.do_ask_question, "question",
        _("質問を送りました。事例のラボに通知されます。"), "questions",
    )  # fmt: skip


@blp.post("/cases/<int:case_id>/questions/<int:question_id>/answer")
@login_required
def answer_question(case_id: int, question_id: int):
    case = services.get_case(_user(), case_id)
    question = services.get_question(case, question_id)
    _result, errors = submit_form(
        AnswerSchema(), request.form, partial(services.do_answer_question, _user(), question)
    )
    if errors:
        errors = {"answer": errors, "answer_id": question.id}
        return _detail_page(case, errors=errors, form=request.form, status=422)
    return _after(case_id, _("回答を保存しました。"), f"question-{question_id}")


@blp.post("/cases/<int:case_id>/questions/<int:question_id>/delete")
@login_required
def delete_question(case_id: int, question_id: int):
    case = services.get_case(_user(), case_id)
    services.do_delete_question(_user(), services.get_question(case, question_id))
    return _after(case_id, _("質問を削除しました。"), "questions")


@blp.post("/cases/<int:case_id>/rollouts")
@login_required
def record_rollout(case_id: int):
    return _engagement_form(
        case_id, RolloutSchema(), services.do_record_rollout, "rollout",
        _("横展開を記録しました。"), "lineage",
    )  # fmt: skip


@blp.post("/cases/<int:case_id>/rollouts/<int:rollout_id>")
@login_required
def update_rollout(case_id: int, rollout_id: int):
    case = services.get_case(_user(), case_id)
    rollout = services.get_rollout(case, rollout_id)
    _result, errors = submit_form(
        RolloutUpdateSchema(),
        request.form,
        partial(services.do_update_rollout, _user(), rollout),
        partial=True,
    )
    if errors:
        return _detail_page(case, errors={"rollout": errors}, form=request.form, status=422)
    return _after(case_id, _("横展開の記録を更新しました。"), "lineage")


@blp.post("/cases/<int:case_id>/rollouts/<int:rollout_id>/delete")
@login_required
def delete_rollout(case_id: int, rollout_id: int):
    case = services.get_case(_user(), case_id)
    services.do_delete_rollout(_user(), services.get_rollout(case, rollout_id))
    return _after(case_id, _("横展開の記録を削除しました。"), "lineage")


@blp.post("/cases/<int:case_id>/unpublish")
@login_required
def unpublish(case_id: int):
    return _engagement_form(
        case_id, UnpublishSchema(), services.do_unpublish_case, "unpublish",
        _("事例を非公開にしました。"), "moderation-note",
    )  # fmt: skip
