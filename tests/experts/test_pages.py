"""The directory, the profile page and the form, in Japanese, as a browser sees them."""

from __future__ import annotations

from community.accounts.models import Role
from tests.experts.conftest import make_expert


def page(response) -> str:
    assert response.status_code == 200, response.data[:500]
    return response.get_data(as_text=True)


def test_the_nav_links_the_directory(client):
    assert 'href="/experts"' in page(client.get("/"))


def test_directory_groups_by_main_field_and_keeps_the_filters(client, make):
    make_expert(make, name="佐々木 恵", fields=["talent", "ai"], prefectures=["04"])
    make_expert(make, name="小林 誠", fields=["ec"], prefectures=["13"], honorarium_eligible=False)
    html = page(client.get("/experts"))
    assert "分野ごとの専門家リスト" in html
    assert html.index("<h2>人材不足</h2>") < html.index("佐々木 恵") < html.index("<h2>EC</h2>")
    assert html.index("<h2>EC</h2>") < html.index("小林 誠")
    assert "2人の専門家" in html
    html = page(client.get("/experts?field=ai&prefecture=04&honorarium=true&q=佐々木"))
    assert "佐々木 恵" in html and "小林 誠" not in html
    assert '<option value="ai" selected>' in html
    assert '<option value="04" selected>' in html
    assert 'name="honorarium" value="true" checked' in html
    assert 'value="佐々木"' in html
    assert "分野: AI活用" in html  # a chip that removes the filter
    html = page(client.get("/experts?field=quantum&mode=online"))
    assert "次の条件は正しくないため無視しました: 分野" in html
    assert "佐々木 恵" in html and "小林 誠" in html


def test_directory_pages(client, make):
    for i in range(3):
        make_expert(make, name=f"専門家{i}")
    html = page(client.get("/experts?per_page=2&sort=name"))
    assert "1 / 2ページ" in html
    assert "per_page=2" in html and "page=2" in html


def test_profile_page(client, make):
    profile = make_expert(make, name="高田 由美", regions=["kyushu-okinawa"], prefectures=["04"])
    html = page(client.get(f"/experts/{profile.id}"))
    assert "高田 由美" in html
    assert "<strong>中小企業診断士</strong>" in html and "<script>alert" not in html
    assert "九州・沖縄全域" in html and "宮城県" in html
    assert "講師謝金支援の対象" in html
    assert "月2件まで" in html
    assert "編集" not in html


def test_an_expert_creates_and_edits_through_the_form(make, client_for):
    expert = make.user(role=Role.EXPERT, name="森 健一")
    browser = client_for(expert)
    assert browser.get("/experts/me").headers["Location"].endswith("/experts/new")
    form = page(browser.get("/experts/new"))
    assert "専門家プロフィールを作成" in form
    response = browser.post(
        "/experts/new",
        data={
            "headline": "",
            "fields": [""],
            "regions": [""],
            "prefectures": [""],
            "availability": "accepting",
        },
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "必須項目です。" in html
    assert "分野を1つ以上選んでください。" in html
    assert "オンラインか対面のどちらかを選んでください。" in html
    response = browser.post(
        "/experts/new",
        data={
            "headline": "クラウド会計とEC",
            "fields": ["ec", "cloud", ""],
            "primary_field": "cloud",
            "regions": ["", "kanto"],
            "prefectures": ["", "04"],
            "online": "1",
            "availability": "limited",
            "availability_note": "平日夜のみ",
            "bio": "**税理士**です",
            "listed": "1",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    html = page(browser.get(response.headers["Location"]))
    assert "クラウド会計とEC" in html and "<strong>税理士</strong>" in html
    assert html.index(">クラウド<") < html.index(">EC<")  # the main field first
    assert "関東全域" in html and "受付は限定的" in html
    profile_url = response.headers["Location"]
    edit = page(browser.get(profile_url + "/edit"))
    assert 'value="cloud" checked' in edit and 'value="kanto" checked' in edit
    response = browser.post(
        profile_url + "/edit",
        data={
            "headline": "クラウド会計",
            "fields": ["ec"],
            "regions": [""],
            "prefectures": [""],
            "in_person": "1",
            "availability": "accepting",
        },
    )
    assert response.status_code == 302
    html = page(browser.get(profile_url))
    assert "関東全域" not in html and "宮城県" not in html
    assert "対面" in html and "専門家リストに戻る" in html
    assert "非公開" in html  # the box was left unticked
    assert browser.get("/experts/new").status_code == 302  # one profile each


def test_the_secretariat_creates_a_profile_for_an_expert(make, client_for):
    expert = make.user(role=Role.EXPERT, name="中村 翔")
    office = client_for(make.user(role=Role.SECRETARIAT))
    assert "中村 翔" in page(office.get("/experts/new"))
    response = office.post(
        "/experts/new",
        data={"user_id": str(expert.id), "headline": "IoT", "fields": ["iot"], "online": "1",
              "listed": "1", "availability": "accepting"},
    )  # fmt: skip
    assert response.status_code == 302
    assert "中村 翔" in page(office.get(response.headers["Location"]))
    assert "中村 翔" not in page(office.get("/experts/new"))  # has a profile now


def test_case_and_lab_pages_show_the_experts_who_fit(client, make):
    from community.cases.services import do_create_case

    lab = make.lab(prefectures=("04",), slug="sendai")
    coordinator = make.coordinator(lab)
    case = do_create_case(
        coordinator, lab_id=lab.id, title="RAGチャットボットで移住相談", status="published",
        challenges=["awareness"], prefecture="04",
    )  # fmt: skip
    html = page(client.get(f"/cases/{case.id}"))
    assert "この案件に合う専門家" not in html  # nobody yet
    make_expert(make, name="石井 亮", fields=["ai"], prefectures=["04"])
    html = page(client.get(f"/cases/{case.id}"))
    assert "この案件に合う専門家" in html and "石井 亮" in html
    assert "分野が一致: AI活用" in html and "宮城県を担当" in html
    html = page(client.get("/labs/sendai"))
    assert "このラボに合う専門家" in html and "石井 亮" in html


def test_english_pages(make, client_for):
    profile = make_expert(make)
    reader = client_for(make.user(language="en"))
    assert reader.get("/experts").status_code == 200
    assert reader.get(f"/experts/{profile.id}").status_code == 200
