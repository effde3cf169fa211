"""The case library's pages: the library, a case, the form with repeated rows, a lab's cases."""

import re

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.cases import reference
from community.cases import views as case_views
from community.cases.models import Case
from tests.cases.test_cases_api import CASE
from tests.core.test_query_counts import statements_for


def text(response) -> str:
    return response.get_data(as_text=True)


def create(client, lab, **changes) -> dict:
    response = client.post("/api/cases", json={**CASE, "lab_id": lab.id, **changes})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def titles(body: str) -> list[str]:
    return re.findall(r'<h2 class="case-title"><a href="/cases/\d+">([^<]+)</a>', body)


@pytest.fixture
def lab(make):
    return make.lab(prefectures=("40",), slug="fukuoka", name="福岡DX推進ラボ")


@pytest.fixture
def writer(lab, make, auth):
    user = make.member(lab)
    auth.login(user)
    return user


FORM = {
    "title": "受発注のクラウド化",
    "summary": "組子工房の受発注をクラウドへ",
    "body": "**kumikoAI** と連携",
    "prefecture": "40",
    "industry": "E",
    "size_band": "6-20",
    "challenges": ["talent", "funding"],
    "tags": "組子、クラウド",
    "technologies": "RAG, IoT",
    "simple_dx": "1",
    "status": "published",
    "period_start": "2024-04-01",
    "period_end": "2025-03-31",
    "contact": "福岡DX推進ラボ 事務局",
    "outcomes-0-metric": "作業時間",
    "outcomes-0-value_before": "120",
    "outcomes-0-value_after": "80",
    "outcomes-0-unit": "時間/月",
    "outcomes-1-metric": "",  # the blank row the page always offers
    "subsidies-0-programme": "it_introduction",
    "subsidies-0-frame": "通常枠",
    "subsidies-0-fiscal_year": "2024",
    "subsidies-0-amount_granted": "1500000",
    "subsidies-0-subsidy_rate": "0.5",
    "subsidies-0-total_cost": "3000000",
    "subsidies-0-adopted": "1",
    "subsidies-1-programme": "honorarium",
    "subsidies-1-administering_body": "IPA",
    "subsidies-1-amount_granted": "50000",
    "subsidies-2-programme": "",
    "subsidies-2-adopted": "1",  # ticked by default in the blank row: still a blank row
    "policies-0-policy": "dx_certification",
    "policies-0-count": "",
    "policies-2-policy": "manabi_dx",
    "policies-2-count": "3",
    "policies-3-count": "",  # unticked
}


def row_html(body: str, input_name: str) -> str:
    """The fieldset of the form row that holds ``input_name``."""
    rows = [part.split("</fieldset>")[0] for part in body.split('<fieldset class="row-card"')]
    (found,) = [row for row in rows if f'name="{input_name}"' in row]
    return found


def post_form(client, lab, url="/cases/new", **changes):
    data = {"lab_id": str(lab.id), **FORM, **changes}
    return client.post(url, data={k: v for k, v in data.items() if v is not None})


# --- the library ----------------------------------------------------------------------------


def test_library_search_in_japanese_with_a_facet_in_the_url(client, lab, writer, make, auth):
    create(client, lab)
    create(client, lab, title="製造ラインのIoT化", subsidies=[], tags=[], summary="", body="")
    auth.logout()
    other_lab = make.lab(prefectures=("04",))
    auth.login(make.member(other_lab))
    create(client, other_lab, title="宮城の組子", prefecture="04", subsidies=[])
    auth.logout()

    body = text(client.get("/cases?q=組子"))
    assert sorted(titles(body)) == sorted([CASE["title"], "宮城の組子"])
    narrowed = client.get("/cases?q=組子&programme=it_introduction")
    assert narrowed.status_code == 200
    assert titles(text(narrowed)) == [CASE["title"]]
    assert titles(text(client.get("/cases?region=tohoku"))) == ["宮城の組子"]
    assert titles(text(client.get(f"/cases?q=補助金&lab={lab.id}"))) == [CASE["title"]]


def test_facet_counts_chips_and_results(client, lab, writer):
    create(client, lab)
    create(client, lab, title="二件目", subsidies=[], simple_dx=False, challenges=["talent"])
    body = text(client.get("/cases"))
    assert "2件の事例" in body
    assert re.search(r'<option value="talent">人材不足 \(2\)</option>', body)
    assert re.search(r'<option value="funding">財源不足 \(1\)</option>', body)
    assert re.search(r'<option value="it_introduction">IT導入補助金 \(1\)</option>', body)
    assert re.search(r'<option value="40">福岡県 \(2\)</option>', body)
    assert re.search(r'<option value="2024">2024年度 \(1\)</option>', body)
    assert "福岡DX推進ラボ" in body and "簡単なDX" in body
    assert CASE["summary"] in body

    filtered = text(client.get("/cases?challenge=funding&q=組子"))
    assert titles(filtered) == [CASE["title"]]
    # chips: removing one keeps the other
    chips = dict(re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^:<]+):', filtered))
    assert set(chips.values()) == {"課題分類", "キーワード"}
    removal = next(href for href, name in chips.items() if name == "課題分類")
    assert "challenge" not in removal and "q=" in removal


def test_bad_query_arguments_do_not_fail(client, lab, writer):
    create(client, lab)
    for query in (
        "page=abc",
        "region=mars&prefecture=99",
        "fiscal_year=1800&simple_dx=maybe&lab=-1",
        "sort=random&per_page=100000",
        "industry=<script>",
        "q=" + "あ" * 500,
        "has_outcomes=yes-please&challenge=",
        "q=%00&region=kanto",
        "q=%ED%A0%80",
    ):
        response = client.get("/cases?" + query)
        assert response.status_code in (200, 400), query
    ignored = client.get("/cases?page=abc&region=mars&industry=E")
    assert ignored.status_code == 200
    body = text(ignored)
    assert "正しくないため無視しました" in body and "地域" in body
    assert titles(body) == [CASE["title"]]  # the valid facet still applies
    assert "<script>" not in text(client.get("/cases?industry=<script>"))
    odd = client.get("/cases?%3Cscript%3E=%00")  # a complaint about the whole query
    assert odd.status_code == 200 and "&lt;script&gt;" in text(odd)
    assert "<script>" not in text(odd)


def test_pagination_keeps_the_query(client, lab, writer):
    for n in range(3):
        create(client, lab, title=f"組子の事例{n}")
    body = text(client.get("/cases?q=組子&per_page=2&sort=newest"))
    assert len(titles(body)) == 2
    next_link = re.search(r'rel="next" href="([^"]+)"', body).group(1).replace("&amp;", "&")
    assert "q=" in next_link and "page=2" in next_link and "sort=newest" in next_link
    assert len(titles(text(client.get(next_link)))) == 1


# --- a case ---------------------------------------------------------------------------------


def test_case_page_shows_figures_and_the_subsidy_table(client, lab, writer):
    case = create(client, lab)
    body = text(client.get(f"/cases/{case['id']}"))
    assert "作業時間" in body
    assert re.search(r'class="before">120</span>.*?class="after">80</strong>', body, re.S)
    assert "時間/月" in body and "−33.3%" in body
    assert "1,500,000円" in body and "3,000,000円" in body and "50%" in body
    assert "IT導入補助金" in body and "通常枠" in body and "2024年度" in body
    assert "地元ITベンダー" in body and "採択" in body
    assert "<strong>kumikoAI</strong>" in body  # body_html as stored
    assert "DX認定" in body and "マナビDX・マナビDX Quest" in body
    assert "福岡県（九州・沖縄）" in body and "製造業" in body and "6〜20人" in body
    assert f'href="/cases/{case["id"]}/edit"' in body  # the writer sees edit and delete
    client.post("/api/auth/logout")
    anonymous = text(client.get(f"/cases/{case['id']}"))
    assert "作業時間" in anonymous and f"/cases/{case['id']}/edit" not in anonymous


def test_drafts_are_404_for_outsiders(client, lab, writer, make, auth):
    draft = create(client, lab, status="draft")
    assert client.get(f"/cases/{draft['id']}").status_code == 200
    mine = text(client.get("/labs/fukuoka/cases"))
    assert CASE["title"] in mine and "下書き" in mine
    auth.logout()
    assert client.get(f"/cases/{draft['id']}").status_code == 404
    assert CASE["title"] not in text(client.get("/labs/fukuoka/cases"))
    assert CASE["title"] not in text(client.get("/cases"))
    auth.login(make.coordinator(make.lab()))
    assert client.get(f"/cases/{draft['id']}").status_code == 404
    assert client.get(f"/cases/{draft['id']}/edit").status_code == 404


def test_markup_in_user_text_is_escaped(client, lab, writer):
    case = create(
        client,
        lab,
        title="<script>alert(1)</script>組子",
        summary="<img src=x onerror=alert(1)>",
        tags=["<b>x</b>"],
        outcomes=[{"metric": "<i>m</i>", "value_before": 1, "value_after": 2}],
        subsidies=[{"programme": "other", "vendor": "<u>v</u>", "notes": "<script>n</script>"}],
        contact="<a href=javascript:alert(1)>c</a>",
    )
    for url in (f"/cases/{case['id']}", "/cases", "/cases?q=組子", "/labs/fukuoka/cases"):
        body = text(client.get(url))
        assert "<script>alert(1)</script>" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, url
    page = text(client.get(f"/cases/{case['id']}"))
    for raw in ("<b>x</b>", "<i>m</i>", "<u>v</u>", "<script>n</script>", "<a href=javascript"):
        assert raw not in page
    edit = text(client.get(f"/cases/{case['id']}/edit"))
    assert "<script>alert(1)</script>" not in edit and "<u>v</u>" not in edit


# --- the form -------------------------------------------------------------------------------


def test_form_creates_a_case_with_rows_found_by_search(client, lab, writer, db):
    page = client.get(f"/cases/new?lab={lab.id}")
    assert page.status_code == 200
    assert re.search(rf'<option value="{lab.id}" selected>', text(page))
    assert 'name="subsidies-0-programme"' in text(page)  # the blank row without JavaScript
    response = post_form(client, lab)
    assert response.status_code == 302, text(response)
    case = db.session.scalar(sa.select(Case))
    assert response.headers["Location"].endswith(f"/cases/{case.id}")
    assert [(s.programme, s.amount_granted, s.adopted) for s in case.subsidies] == [
        ("it_introduction", 1_500_000, True),
        ("honorarium", 50_000, False),
    ]
    assert case.subsidies[0].subsidy_rate == 0.5
    assert [(o.metric, o.value_before, o.value_after) for o in case.outcomes] == [
        ("作業時間", 120, 80)
    ]
    assert {p.policy: p.count for p in case.policies} == {"dx_certification": 1, "manabi_dx": 3}
    assert sorted(t.name for t in case.tags) == ["クラウド", "組子"]
    assert case.technologies == ["RAG", "IoT"] and case.simple_dx is True
    assert sorted(c.code for c in case.challenges) == ["funding", "talent"]
    shown = text(client.get(response.headers["Location"]))
    assert "事例を保存しました。" in shown and "1,500,000円" in shown
    assert titles(text(client.get("/cases?q=クラウド化"))) == ["受発注のクラウド化"]


def test_a_bad_row_is_reported_beside_it_and_the_input_is_kept(client, lab, writer, db):
    response = post_form(client, lab, **{"subsidies-1-subsidy_rate": "2", "title": "残す題名"})
    assert response.status_code == 422
    body = text(response)
    assert "0〜1の値を入力してください。" in body
    # the message sits in the second subsidy row, after its rate input, before the next row
    second = row_html(body, "subsidies-1-programme")
    assert "0〜1の値を入力してください。" in second.split('name="subsidies-1-subsidy_rate"')[1]
    assert "0〜1の値を入力してください。" not in second.split('name="subsidies-1-subsidy_rate"')[0]
    assert "field-errors" not in row_html(body, "subsidies-0-programme")
    assert 'value="残す題名"' in body and 'value="通常枠"' in body and 'value="2"' in body
    assert 'value="IPA"' in body and 'value="作業時間"' in body and "組子、クラウド" in body
    assert re.search(r'name="policies-2-count"[^>]*value="3"', body)
    assert db.session.scalar(sa.select(sa.func.count(Case.id))) == 0


def test_form_messages_for_required_fields_and_dates(client, lab, writer):
    response = post_form(
        client, lab, title="", **{"outcomes-0-metric": "", "outcomes-0-unit": "時間"}
    )
    assert response.status_code == 422
    body = text(response)
    assert body.count("必須項目です。") == 2  # the title and the outcome row's metric
    outcome = row_html(body, "outcomes-0-metric").split('name="outcomes-0-value_before"')[0]
    assert "必須項目です。" in outcome
    dates = post_form(client, lab, period_start="2025-04-01", period_end="2025-03-01")
    assert dates.status_code == 422
    after_end = text(dates).split('name="period_end"')[1].split("<label")[0]
    assert "終了日は開始日より後にしてください。" in after_end


def test_edit_replaces_rows(client, lab, writer, db):
    case = create(client, lab)
    page = text(client.get(f"/cases/{case['id']}/edit"))
    assert 'value="1500000"' in page and 'value="0.5"' in page and 'value="120"' in page
    response = client.post(
        f"/cases/{case['id']}/edit",
        data={
            "title": "改題した事例",
            "status": "published",
            "challenges": "",
            "tags": "",
            "subsidies-0-programme": "mic",
            "subsidies-0-amount_granted": "200000",
            "subsidies-1-programme": "",
            "outcomes-0-metric": "",
            "policies-0-count": "",
        },
    )
    assert response.status_code == 302, text(response)
    db.session.expire_all()
    stored = db.session.get(Case, case["id"])
    assert stored.title == "改題した事例"
    assert [(s.programme, s.amount_granted) for s in stored.subsidies] == [("mic", 200_000)]
    assert stored.outcomes == [] and stored.policies == [] and stored.challenges == []
    assert stored.tags == []


def test_an_edited_row_still_needs_its_required_fields(client, lab, writer, db):
    case = create(client, lab)
    response = client.post(
        f"/cases/{case['id']}/edit",
        data={"subsidies-0-frame": "通常枠", "outcomes-0-unit": "時間"},
    )
    assert response.status_code == 422
    body = text(response)
    assert "必須項目です。" in row_html(body, "subsidies-0-programme")
    assert "必須項目です。" in row_html(body, "outcomes-0-metric")
    db.session.expire_all()
    assert [s.programme for s in db.session.get(Case, case["id"]).subsidies] == ["it_introduction"]


def test_delete_from_the_case_page(client, lab, writer, db):
    case = create(client, lab)
    no_token = client.post(f"/cases/{case['id']}/delete", csrf=False)
    assert no_token.status_code == 400
    response = client.post(f"/cases/{case['id']}/delete")
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/labs/fukuoka/cases"
    )
    assert db.session.get(Case, case["id"]) is None
    assert titles(text(client.get("/cases?q=組子"))) == []


def test_coordinator_of_another_lab_may_not_edit(client, lab, writer, make, auth):
    case = create(client, lab)
    auth.logout()
    other = make.coordinator(make.lab())
    auth.login(other)
    assert client.get(f"/cases/{case['id']}/edit").status_code == 403
    assert client.post(f"/cases/{case['id']}/edit", data={"title": "乗っ取り"}).status_code == 403
    assert client.post(f"/cases/{case['id']}/delete").status_code == 403
    # and cannot post for the first lab either
    assert post_form(client, lab).status_code == 403
    assert f'<option value="{lab.id}"' not in text(client.get("/cases/new"))


def test_who_may_open_the_form(client, lab, make, auth):
    response = client.get("/cases/new")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    auth.login(make.user(role=Role.EXPERT))
    assert client.get("/cases/new").status_code == 403
    auth.logout()
    make.lab(name="別のラボ")
    auth.login(make.user(role=Role.SECRETARIAT))
    page = text(client.get("/cases/new"))
    assert "福岡DX推進ラボ" in page and "別のラボ" in page


def test_lab_cases_page_and_post_button(client, lab, writer, auth, make):
    create(client, lab)
    body = text(client.get("/labs/fukuoka/cases"))
    assert CASE["title"] in body and f"/cases/new?lab={lab.id}" in body
    assert "/labs/fukuoka/cases" in text(client.get("/labs/fukuoka"))
    auth.logout()
    body = text(client.get("/labs/fukuoka/cases"))
    assert CASE["title"] in body and "/cases/new" not in body
    assert client.get("/labs/no-such-lab/cases").status_code == 404


# --- English --------------------------------------------------------------------------------


def test_the_english_locale_shows_english_labels(client, lab, writer):
    case = create(client, lab)
    client.post("/language", data={"language": "en"})
    library = text(client.get("/cases"))
    assert "Case library" in library and "Lack of talent" in library
    assert "人材不足" not in library and "IT導入補助金 (" not in library
    assert '<option value="it_introduction">IT Introduction Subsidy (1)</option>' in library
    assert "Fukuoka (Kyushu and Okinawa)" in library
    page = text(client.get(f"/cases/{case['id']}"))
    assert "IT Introduction Subsidy" in page and "Manufacturing" in page
    assert "¥1,500,000" in page and "Fukuoka" in page and "FY2024" in page
    form = text(client.get(f"/cases/{case['id']}/edit"))
    assert "Add an outcome row" in form and "DX Certification" in form


def test_labels_cover_the_reference_codes_with_the_same_japanese_names():
    for labels, names in (
        (case_views.CHALLENGE_LABELS, reference.CHALLENGES),
        (case_views.INDUSTRY_LABELS, reference.INDUSTRIES),
        (case_views.SIZE_BAND_LABELS, reference.SIZE_BANDS),
        (case_views.PROGRAMME_LABELS, reference.SUBSIDY_PROGRAMMES),
        (case_views.POLICY_LABELS, reference.POLICIES),
    ):
        assert {code: label._args[0] for code, label in labels.items()} == names


# --- speed ----------------------------------------------------------------------------------


def test_library_and_lab_pages_cost_the_same_for_few_or_many_cases(app, client, lab, writer):
    create(client, lab)
    urls = ("/cases", "/cases?q=組子&challenge=talent", "/labs/fukuoka/cases", "/cases/new")
    for url in urls:
        client.get(url)  # warm the reference-data cache
    few = {url: statements_for(app, client, url) for url in urls}
    for n in range(6):
        create(client, lab, title=f"組子{n}", tags=[f"t{n}", "組子"])
    cold = {url: statements_for(app, client, url) for url in urls}  # counts recomputed
    many = {url: statements_for(app, client, url) for url in urls}  # counts cached again
    assert few == many
    # a new case makes the library render anew: its cases with their relations, the lab names
    # and the facet counts, three statements more than a page served already rendered
    assert all(0 <= cold[url] - many[url] <= 3 for url in urls), (cold, many)


def test_figures():
    assert case_views.change_percent(120, 80) == "−33.3%"
    assert case_views.change_percent(10, 15) == "+50%"
    assert case_views.change_percent(0, 5) is None and case_views.change_percent(None, 5) is None
    assert case_views.number(1234567.0) == "1,234,567" and case_views.number(0.25) == "0.25"


def test_the_rendered_library_follows_readers_languages_and_writes(client, lab, writer, make, auth):
    """The library is rendered once per version of the cases and labs, reader and language:
    a reader never sees another's drafts, and any write shows at once."""
    create(client, lab, title="公開の事例")
    create(client, lab, title="下書きの事例", status="draft")
    assert {"公開の事例", "下書きの事例"} <= set(titles(text(client.get("/cases"))))
    auth.logout()
    assert titles(text(client.get("/cases"))) == ["公開の事例"]
    client.post("/language", data={"language": "en"})
    english = text(client.get("/cases"))
    assert "Case library" in english and "Lack of talent" in english
    client.post("/language", data={"language": "ja"})
    assert "人材不足" in text(client.get("/cases"))

    auth.login(make.user(role=Role.SECRETARIAT))
    renamed = client.patch(f"/api/labs/{lab.id}", json={"name": "福岡県DX推進ラボ"})
    assert renamed.status_code == 200, renamed.get_json()
    auth.logout()
    assert "福岡県DX推進ラボ" in text(client.get("/cases"))

    auth.login(writer)
    assert (
        client.delete(f"/api/cases/{create(client, lab, title='消える事例')['id']}").status_code
        == 204
    )
    auth.logout()
    assert titles(text(client.get("/cases"))) == ["公開の事例"]


def test_a_visitors_cached_library_page_follows_publishing(app, lab, make, client_for):
    visitor = app.test_client()
    assert "受発注のクラウド化" not in text(visitor.get("/cases"))
    assert "受発注のクラウド化" not in text(visitor.get("/cases"))  # now from the cache
    create(client_for(make.member(lab)), lab, title="受発注のクラウド化", status="published")
    assert "受発注のクラウド化" in text(visitor.get("/cases"))


def test_a_visitor_with_a_message_and_a_member_are_not_served_the_visitors_page(
    app, lab, make, client_for
):
    visitor = app.test_client()
    cached = text(visitor.get("/cases"))
    assert "事例を投稿" not in cached and 'action="/logout"' not in cached
    with visitor.session_transaction() as session:
        session["_flashes"] = [("success", "ログアウトしました。")]
    assert "ログアウトしました。" in text(visitor.get("/cases"))
    assert "ログアウトしました。" not in text(visitor.get("/cases"))  # shown once
    member = text(client_for(make.member(lab)).get("/cases"))
    assert "事例を投稿" in member and "ログアウト" in member


def test_a_visitors_cached_page_keeps_the_language_and_the_query(app, lab, make, client_for):
    create(client_for(make.member(lab)), lab, title="組子の受発注", status="published")
    visitor = app.test_client()
    assert "事例ライブラリ" in text(visitor.get("/cases"))
    assert 'href="/language/en?next=/cases"' in text(visitor.get("/cases"))
    found = text(visitor.get("/cases?q=組子"))
    assert "組子の受発注" in found and "next=/cases%3Fq%3D" in found
    visitor.get("/language/en?next=/cases")
    english = text(visitor.get("/cases"))
    assert "Case library" in english and 'href="/language/ja?next=/cases"' in english
