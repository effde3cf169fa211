import re

import sqlalchemy as sa

from community.accounts.models import Role
from community.labs.models import Lab, MemberOrganisation


def text(response) -> str:
    return response.get_data(as_text=True)


def test_labs_by_region_page(client, make):
    make.lab(prefectures=("04",), name="宮城のラボ", slug="miyagi")
    make.lab(prefectures=("40",), name="福岡のラボ", slug="fukuoka")
    page = client.get("/labs")
    assert page.status_code == 200
    body = text(page)
    assert "東北" in body and "宮城のラボ" in body and "福岡のラボ" in body
    filtered = text(client.get("/labs?region=kyushu-okinawa"))
    assert "福岡のラボ" in filtered and "宮城のラボ" not in filtered
    assert client.get("/labs?region=mars&prefecture=<script>").status_code == 200


def test_lab_page_shows_members_organisations_and_window(client, make):
    lab = make.lab(name="北海道ラボ", slug="hokkaido-lab", consultation_contact="相談窓口 月〜金")
    make.organisation(lab, name="札幌市", kind="municipality", key=True)
    make.coordinator(lab, name="田中 コーディネーター")
    body = text(client.get("/labs/hokkaido-lab"))
    assert "札幌市" in body and "自治体" in body and "田中 コーディネーター" in body
    assert "相談窓口 月〜金" in body
    assert client.get("/labs/no-such-lab").status_code == 404


def test_markup_in_user_text_is_escaped(client, make):
    lab = make.lab(slug="xss", name="<img src=x onerror=alert(1)>ラボ")
    make.organisation(lab, name="<script>alert(1)</script>")
    body = text(client.get("/labs/xss"))
    assert "<script>alert(1)</script>" not in body
    assert "<img src=x onerror" not in body
    assert "&lt;script&gt;" in body


def test_secretariat_creates_a_lab_from_the_form(client, auth, make, db):
    auth.login(make.user(role=Role.SECRETARIAT))
    assert client.get("/labs/new").status_code == 200
    response = client.post(
        "/labs/new",
        data={
            "name": "静岡DXラボ",
            "slug": "shizuoka",
            "kind": "dx",
            "prefectures": ["22"],
            "vision": "v",
        },
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/labs/shizuoka")
    lab = db.session.scalar(sa.select(Lab).where(Lab.slug == "shizuoka"))
    assert [p.code for p in lab.prefectures] == ["22"]


def test_form_errors_are_shown_in_japanese_and_nothing_is_saved(client, auth, make, db):
    auth.login(make.user(role=Role.SECRETARIAT))
    response = client.post(
        "/labs/new",
        data={"name": "", "slug": "Bad Slug", "kind": "iot_transition", "prefectures": ["99"]},
    )
    assert response.status_code == 422
    body = text(response)
    assert "必須項目です。" in body
    assert "英小文字・数字・ハイフンで入力してください。" in body
    assert "都道府県コードは01〜47です。" in body
    assert 'value="Bad Slug"' in body  # the input is kept
    assert db.session.scalar(sa.select(sa.func.count(Lab.id))) == 0


def test_member_cannot_open_the_edit_or_create_pages(client, auth, make):
    lab = make.lab(slug="mine")
    auth.login(make.member(lab))
    assert client.get("/labs/mine/edit").status_code == 403
    assert client.get("/labs/new").status_code == 403
    assert client.post("/labs/mine/edit", data={"name": "乗っ取り"}).status_code == 403


def test_anonymous_is_sent_to_log_in(client, make):
    make.lab(slug="lab-a")
    response = client.get("/labs/lab-a/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_coordinator_manages_organisations_and_invites(client, auth, make, db):
    lab = make.lab(slug="managed")
    auth.login(make.coordinator(lab))
    assert client.get("/labs/managed/manage").status_code == 200
    added = client.post(
        "/labs/managed/organisations", data={"name": "仙台商工会議所", "kind": "chamber"}
    )
    assert added.status_code == 302
    org = db.session.scalar(sa.select(MemberOrganisation))
    assert org.name == "仙台商工会議所" and org.is_key_person is False
    bad = client.post("/labs/managed/organisations", data={"name": "", "kind": "nope"})
    assert bad.status_code == 422 and "必須項目です。" in text(bad)
    invited = client.post("/labs/managed/invitations", data={"ttl_days": "3"})
    assert invited.status_code == 201
    link = re.search(r'value="(http[^"]+/labs/invitations/[^"]+)"', text(invited)).group(1)
    token = link.rsplit("/", 1)[1]
    auth.logout()

    newcomer = make.user()
    anonymous_view = client.get(f"/labs/invitations/{token}")
    assert anonymous_view.status_code == 200 and "ログイン" in text(anonymous_view)
    auth.login(newcomer)
    joined = client.post(f"/labs/invitations/{token}")
    assert joined.status_code == 302 and joined.headers["Location"].endswith("/labs/managed")
    again = client.get(f"/labs/invitations/{token}")
    assert again.status_code == 410


def test_register_login_and_profile_pages(client, db):
    assert client.get("/register").status_code == 200
    bad = client.post("/register", data={"email": "x", "display_name": "", "password": "short"})
    assert bad.status_code == 422
    assert "メールアドレスの形式が正しくありません。" in text(bad)
    done = client.post(
        "/register",
        data={"email": "hanako@example.jp", "display_name": "花子", "password": "long enough pw"},
    )
    assert done.status_code == 302
    assert "花子" in text(client.get("/me"))
    client.post("/logout")
    wrong = client.post("/login", data={"email": "hanako@example.jp", "password": "wrong password"})
    assert wrong.status_code == 401 and "正しくありません" in text(wrong)
    ok = client.post(
        "/login",
        data={"email": "hanako@example.jp", "password": "long enough pw", "next": "//evil.example"},
    )
    assert ok.status_code == 302 and ok.headers["Location"] == "/"


def test_tokens_page_shows_the_secret_once(client, auth, make):
    auth.login(make.user())
    created = client.post("/me/tokens", data={"name": "レポート用"})
    assert created.status_code == 200
    secret = re.search(r"dxl_[A-Za-z0-9_-]+", text(created)).group(0)
    listing = text(client.get("/me/tokens"))
    assert "レポート用" in listing and secret not in listing


def test_page_post_without_csrf_token_is_refused(client, make):
    user = make.user()
    response = client.post("/login", data={"email": user.email, "password": "x"}, csrf=False)
    assert response.status_code == 400
    assert "text/html" in response.content_type


def test_pages_are_japanese_by_default_with_an_english_switch(client, make, db):
    home = text(client.get("/"))
    assert '<html lang="ja">' in home and "ラボ一覧" in home
    assert 'name="viewport"' in home
    switched = client.post("/language", data={"language": "en", "next": "/labs"})
    assert switched.status_code == 302 and switched.headers["Location"] == "/labs"
    english = text(client.get("/"))
    assert '<html lang="en">' in english and "Labs" in english and "ラボ一覧" not in english
    client.post("/language", data={"language": "ja"})
    assert '<html lang="ja">' in text(client.get("/"))


def test_a_visitor_switches_by_a_link_and_pages_set_no_cookie_until_then(client, db):
    visitor = client.application.test_client(use_cookies=False)
    home = visitor.get("/cases")
    assert "Set-Cookie" not in home.headers  # no session, no CSRF token for a reader
    assert 'href="/language/en?next=/cases"' in text(home)
    switched = client.get("/language/en?next=/cases")
    assert switched.status_code == 302 and switched.headers["Location"] == "/cases"
    assert '<html lang="en">' in text(client.get("/cases"))
    assert client.get("/language/fr").status_code == 404
    assert client.get("/language/ja?next=//evil.example/").headers["Location"] == "/"
    assert '<html lang="ja">' in text(client.get("/"))


def test_a_users_language_preference_follows_them(client, auth, make):
    user = make.user(language="en")
    auth.login(user)
    assert '<html lang="en">' in text(client.get("/"))
