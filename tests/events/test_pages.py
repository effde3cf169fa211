"""The event pages, used as a person would: the list, the month, an event, the form, the
hosts' dashboard, and the case page's links back."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from community.accounts.models import Role
from community.events.models import Event, EventHost
from tests.cases.test_cases_api import create as create_case
from tests.core.test_query_counts import statements_for
from tests.events.conftest import ago, create_event, later, publish, set_columns


def text(response) -> str:
    return response.get_data(as_text=True)


def section(body: str, anchor: str) -> str:
    """The HTML of ``<section … id="anchor">`` up to its end."""
    start = body.index(f'id="{anchor}"')
    return body[start : body.index("</section>", start)]


def local(value: str) -> str:
    """A ``datetime-local`` value for a moment given in ISO format, in Japan time."""
    from zoneinfo import ZoneInfo

    moment = datetime.fromisoformat(value).astimezone(ZoneInfo("Asia/Tokyo"))
    return moment.strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def people(make, joint):
    """Five members of the two host labs, and the secretariat."""
    return {
        "a": make.member(joint["miyagi"], name="青木"),
        "b": make.member(joint["miyagi"], name="馬場"),
        "c": make.member(joint["fukuoka"], name="千葉"),
        "d": make.member(joint["fukuoka"], name="土井"),
        "e": make.member(joint["miyagi"], name="江藤"),
        "secretariat": make.user(role=Role.SECRETARIAT),
    }


# --- who sees what --------------------------------------------------------------------------


def test_every_page_renders_for_who_may_see_it(client, make, client_for, joint, people):
    event_id = joint["event"]["id"]
    member = client_for(people["a"])
    host = client_for(joint["cohost"])
    secretariat = client_for(people["secretariat"])
    outsider = client_for(make.coordinator(make.lab(prefectures=("13",))))
    month = joint["event"]["starts_at"][:7]
    public = ("/events", f"/events/calendar?month={month}", f"/events/{event_id}")
    for who in (client, member, host, secretariat, outsider):
        for url in public:
            response = who.get(url)
            assert response.status_code == 200, url
            assert joint["event"]["title"] in text(response), url
        assert who.get("/events?past=1").status_code == 200

    for url in (f"/events/{event_id}/manage", f"/events/{event_id}/edit"):
        assert client.get(url).status_code == 302  # to the login
        assert member.get(url).status_code == 403
        assert outsider.get(url).status_code == 403
        assert host.get(url).status_code == 200, url
        assert secretariat.get(url).status_code == 200, url
    assert client.get("/events/new").status_code == 302
    assert member.get("/events/new").status_code == 403
    assert host.get("/events/new").status_code == 200
    assert outsider.get("/events/new").status_code == 200  # for their own lab
    new = text(secretariat.get("/events/new"))
    assert joint["miyagi"].name in new and joint["fukuoka"].name in new

    page = text(host.get(f"/events/{event_id}"))
    assert f"/events/{event_id}/manage" in page and f"/events/{event_id}/edit" in page
    anonymous = text(client.get(f"/events/{event_id}"))
    assert f"/events/{event_id}/manage" not in anonymous
    assert "ログインして申し込む" in anonymous
    assert 'href="/events"' in anonymous  # the nav link


def test_the_list_card_shows_time_hosts_kind_place_and_seats(client, joint):
    body = text(client.get("/events"))
    card = body[body.index('class="card event-item') :]
    assert "宮城県" in card and "ハイブリッド" in card and "残り3席" in card
    assert joint["miyagi"].name in card and joint["fukuoka"].name in card and "共催" in card
    starts = datetime.fromisoformat(joint["event"]["starts_at"])
    from zoneinfo import ZoneInfo

    tokyo = starts.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"{tokyo.year}年{tokyo.month}月{tokyo.day}日" in card
    assert f"{tokyo.hour}:{tokyo.minute:02d}〜" in card


def test_a_draft_is_only_for_its_hosts(client, make, client_for, joint):
    lead = client_for(joint["lead"])
    draft = create_event(lead, joint["miyagi"], title="まだ下書きの勉強会")
    assert client.get(f"/events/{draft['id']}").status_code == 404
    assert "まだ下書きの勉強会" not in text(client.get("/events"))
    page = text(lead.get(f"/events/{draft['id']}"))
    assert "下書き" in page and "公開する" in page
    listed = text(lead.get("/events"))
    assert "まだ下書きの勉強会" in listed
    published = lead.post(f"/events/{draft['id']}/publish")
    assert published.status_code == 302
    assert "まだ下書きの勉強会" in text(client.get("/events"))


def test_the_online_url_is_only_for_confirmed_participants_and_hosts(client, client_for, joint):
    url = joint["event"]["id"]
    secret = "https://meet.example.jp/dx-sendai"
    assert secret not in text(client.get(f"/events/{url}"))
    assert secret in text(client_for(joint["cohost"]).get(f"/events/{url}"))


# --- registering ----------------------------------------------------------------------------


def my_status(client, event_id) -> str:
    return section(text(client.get(f"/events/{event_id}")), "registration")


def test_register_cancel_and_the_waitlist_is_promoted(client, client_for, joint, people, db):
    event_id = joint["event"]["id"]
    a, b, c, d, e = (client_for(people[k]) for k in "abcde")
    assert "参加を申し込む" in my_status(a, event_id)
    for person in (a, b, c):
        response = person.post(f"/events/{event_id}/register", data={"show_publicly": "1"})
        assert response.status_code == 302
        status = my_status(person, event_id)
        assert "参加確定" in status and "受付コード" in status
        assert "参加をキャンセル" in status
    assert "https://meet.example.jp/dx-sendai" in text(a.get(f"/events/{event_id}"))
    assert "キャンセル待ちに登録" in my_status(d, event_id)
    d.post(f"/events/{event_id}/register", data={})
    e.post(f"/events/{event_id}/register", data={})
    assert "キャンセル待ち1番目" in my_status(d, event_id)
    assert "キャンセル待ち2番目" in my_status(e, event_id)
    assert "満席・キャンセル待ち2人" in text(client.get("/events"))
    participants = section(text(client.get(f"/events/{event_id}")), "participants")
    assert "青木" in participants and "土井" not in participants

    cancelled = a.post(f"/events/{event_id}/registration/cancel")
    assert cancelled.status_code == 302
    followed = text(a.get(cancelled.headers["Location"]))
    assert "参加登録をキャンセルしました。" in followed
    assert "キャンセル済み" in section(followed, "registration")
    status = my_status(d, event_id)
    assert "status-confirmed" in status and "status-waitlisted" not in status
    assert "キャンセル待ち1番目" in my_status(e, event_id)
    assert "満席・キャンセル待ち1人" in text(client.get("/events"))

    # registering again after cancelling: the waitlist's end
    again = a.post(f"/events/{event_id}/register", data={})
    assert again.status_code == 302
    assert "キャンセル待ち2番目" in my_status(a, event_id)
    twice = a.post(f"/events/{event_id}/register", data={})
    assert "すでに参加登録しています" in text(a.get(twice.headers["Location"]))


def test_the_public_list_is_opt_in_and_can_be_changed(client, client_for, joint, people):
    event_id = joint["event"]["id"]
    a = client_for(people["a"])
    a.post(f"/events/{event_id}/register", data={})
    assert "青木" not in section(text(client.get(f"/events/{event_id}")), "participants")
    a.post(f"/events/{event_id}/registration/visibility", data={"show_publicly": "1"})
    assert "青木" in section(text(client.get(f"/events/{event_id}")), "participants")
    a.post(f"/events/{event_id}/registration/visibility", data={})
    assert "青木" not in section(text(client.get(f"/events/{event_id}")), "participants")


def test_a_cancelled_event_says_so_and_takes_nobody(client, client_for, joint, people):
    event_id = joint["event"]["id"]
    a = client_for(people["a"])
    a.post(f"/events/{event_id}/register", data={})
    lead = client_for(joint["lead"])
    response = lead.post(f"/events/{event_id}/cancel", data={"reason": "台風の接近のため"})
    assert response.status_code == 302
    page = text(client.get(f"/events/{event_id}"))
    assert "このイベントは中止になりました。" in page and "台風の接近のため" in page
    b = client_for(people["b"])
    assert "このイベントは中止されました。" in my_status(b, event_id)
    refused = b.post(f"/events/{event_id}/register", data={})
    assert "このイベントは中止されました。" in text(b.get(refused.headers["Location"]))
    card = text(client.get("/events")).split('class="card event-item')[1]
    assert "is-cancelled" in card.split(">")[0] and "中止" in card


def test_lottery_application_and_result_after_the_draw(make, client_for):
    lab = make.lab(prefectures=("17",))
    lead = client_for(make.coordinator(lab))
    event = publish(
        lead,
        create_event(lead, lab, capacity=1, mode="lottery", lottery_deadline=later(20)),
    )
    event_id = event["id"]
    people = [client_for(make.member(lab)) for _ in range(2)]
    assert "抽選に申し込む" in my_status(people[0], event_id)
    for person in people:
        person.post(f"/events/{event_id}/register", data={})
        assert "抽選に申込済み" in my_status(person, event_id)
    assert "抽選受付中" in text(lead.get("/events"))
    early = lead.post(f"/events/{event_id}/lottery")
    assert "抽選は申込締切の後に行えます。" in text(lead.get(early.headers["Location"]))
    set_columns(event_id, lottery_deadline=ago(hours=1))
    drawn = lead.post(f"/events/{event_id}/lottery")
    assert "抽選しました。" in text(lead.get(drawn.headers["Location"]))
    results = [my_status(person, event_id) for person in people]
    assert sum("当選しました。" in r and "参加確定" in r for r in results) == 1
    assert sum("落選しました。" in r and "キャンセル待ち1番目" in r for r in results) == 1


# --- the form -------------------------------------------------------------------------------

FORM = {
    "title": "九州・東北 合同DX勉強会",
    "description": "**生成AI**の事例<script>alert(1)</script>",
    "kind": "in_person",
    "venue": "福岡市役所 講堂",
    "prefecture": "40",
    "starts_at": "2026-12-01T00:30",
    "ends_at": "2026-12-01T03:00",
    "registration_closes_at": "2026-11-30T18:00",
    "capacity": "30",
    "mode": "first_come",
    "target_audience": "中小企業の方",
    "challenges": ["talent", "funding"],
    "hosts-0-lab_id": "",
    "hosts-0-seat_quota": "",
}


def test_the_form_creates_a_draft_in_japan_time_with_co_hosts(make, client_for, db):
    fukuoka = make.lab(prefectures=("40",), name="福岡ラボ")
    miyagi = make.lab(prefectures=("04",), name="宮城ラボ")
    case = create_case(client_for(make.coordinator(fukuoka)), fukuoka)
    lead = client_for(make.coordinator(fukuoka))
    page = text(lead.get(f"/events/new?lab={fukuoka.id}"))
    assert re.search(rf'<option value="{fukuoka.id}" selected>', page)
    assert 'name="hosts-0-lab_id"' in page  # a blank row without JavaScript
    data = {
        **FORM,
        "lab_id": str(fukuoka.id),
        "hosts-0-lab_id": str(miyagi.id),
        "hosts-0-seat_quota": "10",
        "hosts-1-lab_id": "",
        "related_case_ids": f"{case['id']}",
    }
    response = lead.post("/events/new", data=data)
    assert response.status_code == 302, text(response)
    event = db.session.scalar(sa.select(Event))
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    assert event.status == "draft" and event.capacity == 30
    assert event.starts_at == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    assert event.registration_closes_at == datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    hosts = db.session.scalars(sa.select(EventHost).order_by(EventHost.position)).all()
    assert [(h.lab_id, h.seat_quota) for h in hosts] == [(fukuoka.id, None), (miyagi.id, 10)]
    shown = text(lead.get(response.headers["Location"]))
    assert "イベントを保存しました。" in shown and "<strong>生成AI</strong>" in shown
    assert "<script>alert(1)</script>" not in shown
    assert "2026年12月1日(火) 0:30〜3:00" in shown
    assert case["title"] in section(shown, "cases")
    edit = text(lead.get(f"/events/{event.id}/edit"))
    assert 'value="2026-12-01T00:30"' in edit and 'value="30"' in edit


def test_form_errors_are_in_japanese_beside_the_field_and_nothing_is_saved(make, client_for, db):
    lab = make.lab(prefectures=("40",))
    lead = client_for(make.coordinator(lab))
    response = lead.post(
        "/events/new",
        data={
            **FORM,
            "lab_id": str(lab.id),
            "title": "",
            "capacity": "-1",
            "online_url": "javascript:alert(1)",
            "hosts-0-lab_id": "999999",
            "hosts-0-seat_quota": "abc",
        },
    )
    assert response.status_code == 422
    body = text(response)
    assert "入力内容を確認してください。" in body

    def after(name: str) -> str:
        return body.split(f'name="{name}"')[1].split("<label")[0]

    assert "必須項目です。" in after("title")
    assert "0〜100000の値を入力してください。" in after("capacity")
    assert "http(s)のURLを入力してください。" in after("online_url")
    assert "整数を入力してください。" in after("hosts-0-seat_quota")
    assert 'value="福岡市役所 講堂"' in body  # the input is kept
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0

    backwards = lead.post(
        "/events/new", data={**FORM, "lab_id": str(lab.id), "ends_at": "2026-11-30T23:00"}
    )
    assert backwards.status_code == 422
    assert "終了日時は開始日時より後にしてください。" in text(backwards).split('name="ends_at"')[1]
    # a rule of the service (the lottery needs its deadline) is shown beside its field too
    lottery = lead.post("/events/new", data={**FORM, "lab_id": str(lab.id), "mode": "lottery"})
    assert lottery.status_code == 422
    assert "抽選の申込締切を入力してください。" in text(lottery).split('name="lottery_deadline"')[1]
    assert db.session.scalar(sa.select(sa.func.count(Event.id))) == 0


def test_edit_validates_and_saves(client_for, joint, db):
    event_id = joint["event"]["id"]
    host = client_for(joint["cohost"])
    values = {**FORM, "challenges": ["support"]}
    del values["hosts-0-lab_id"], values["hosts-0-seat_quota"]
    emptied = host.post(f"/events/{event_id}/edit", data={**values, "title": ""})
    assert emptied.status_code == 422 and "必須項目です。" in text(emptied)
    saved = host.post(f"/events/{event_id}/edit", data={**values, "capacity": "5"})
    assert saved.status_code == 302, text(saved)
    db.session.expire_all()
    event = db.session.get(Event, event_id)
    assert event.title == FORM["title"] and event.capacity == 5
    assert [c.code for c in event.challenges] == ["support"]


def test_hosts_quota_and_copy_from_the_edit_page(client_for, make, joint, db):
    event_id = joint["event"]["id"]
    lead = client_for(joint["lead"])
    other = make.lab(prefectures=("13",), name="東京ラボ")
    added = lead.post(f"/events/{event_id}/hosts", data={"lab_id": other.id, "seat_quota": "1"})
    assert "共催ラボを追加しました。" in text(lead.get(added.headers["Location"]))
    too_many = lead.post(f"/events/{event_id}/hosts/{other.id}", data={"seat_quota": "9"})
    assert "枠の合計" in text(lead.get(too_many.headers["Location"]))
    lead.post(f"/events/{event_id}/hosts/{other.id}", data={"seat_quota": ""})
    assert db.session.get(EventHost, (event_id, other.id)).seat_quota is None
    lead.post(f"/events/{event_id}/hosts/{other.id}/remove")
    db.session.expire_all()
    assert db.session.get(EventHost, (event_id, other.id)) is None

    copied = lead.post(f"/events/{event_id}/copy", data={"starts_at": "2027-03-01T13:00"})
    assert copied.status_code == 302
    copy_id = int(re.search(r"/events/(\d+)/edit", copied.headers["Location"]).group(1))
    assert copy_id != event_id
    page = text(lead.get(copied.headers["Location"]))
    assert "イベントをコピーしました。" in page and 'value="2027-03-01T13:00"' in page
    bad = lead.post(f"/events/{event_id}/copy", data={"starts_at": "いつか"})
    assert "日時の形式が正しくありません。" in text(lead.get(bad.headers["Location"]))


# --- the month ------------------------------------------------------------------------------


def day_cell(body: str, day: str) -> str:
    start = body.index(f'data-date="{day}"')
    return body[start : body.index('<div class="day', start + 1)]


def test_the_calendar_puts_an_event_on_its_japan_time_day(client, make, client_for):
    lab = make.lab(prefectures=("04",))
    lead = client_for(make.coordinator(lab))
    event = create_event(
        lead,
        lab,
        title="深夜0時半からの勉強会",
        starts_at="2026-12-01T00:30:00+09:00",
        ends_at="2026-12-01T02:00:00+09:00",
    )
    publish(lead, event)
    set_columns(event["id"])
    stored = client.get(f"/api/events/{event['id']}").get_json()["starts_at"]
    assert datetime.fromisoformat(stored) == datetime(2026, 11, 30, 15, 30, tzinfo=UTC)
    body = text(client.get("/events/calendar?month=2026-12"))
    assert "2026年12月" in body
    assert "深夜0時半からの勉強会" in day_cell(body, "2026-12-01")
    assert "0:30" in day_cell(body, "2026-12-01")
    november = text(client.get("/events/calendar?month=2026-11"))
    assert "深夜0時半からの勉強会" not in november
    assert 'href="/events/calendar?month=2026-11"' in body  # previous
    assert 'href="/events/calendar?month=2027-01"' in body  # next
    assert "深夜0時半からの勉強会" not in text(
        client.get("/events/calendar?month=2026-12&prefecture=13")
    )


def test_bad_input_never_fails(client, client_for, joint):
    event_id = joint["event"]["id"]
    for query in (
        "page=abc",
        "region=mars&prefecture=99",
        "kind=<script>&lab=-1&has_seats=maybe",
        "lab=99999999999&challenge=nothing",
        "past=perhaps&per_page=100000",
        "region=%00",
        "region=%ED%A0%80",
    ):
        for path in ("/events", "/events/calendar"):
            response = client.get(f"{path}?{query}")
            assert response.status_code == 200, (path, query)
            assert "<script>" not in text(response)
    ignored = text(client.get("/events?region=mars&kind=hybrid"))
    assert "正しくないため無視しました" in ignored and "地域" in ignored
    assert joint["event"]["title"] in ignored
    for month in ("2026-13", "abc", "99999-01", "1800-01", "2026-00"):
        response = client.get(f"/events/calendar?month={month}")
        assert response.status_code == 200 and "正しくないため無視しました" in text(response)
    for url in ("/events/999999", "/events/abc", "/events/99999999999", "/events/0"):
        assert client.get(url).status_code == 404, url
    lead = client_for(joint["lead"])
    assert lead.get("/events/0/manage").status_code == 404
    assert lead.get("/events/999999/edit").status_code == 404
    assert lead.get(f"/events/{event_id}/manage?page=abc").status_code == 200
    assert lead.post(f"/events/{event_id}/registrations/999999/cancel").status_code == 404
    assert lead.post(f"/events/{event_id}/hosts/999999", data={}).status_code == 404


def test_a_post_without_the_csrf_token_is_refused(client, client_for, joint, people, db):
    event_id = joint["event"]["id"]
    assert client.post(f"/events/{event_id}/register", csrf=False).status_code == 400
    member = client_for(people["a"])
    assert member.post(f"/events/{event_id}/register", csrf=False).status_code == 400
    lead = client_for(joint["lead"])
    assert lead.post(f"/events/{event_id}/cancel", csrf=False).status_code == 400
    assert lead.post("/events/new", data=FORM, csrf=False).status_code == 400
    assert db.session.get(Event, event_id).status == "published"
    assert "参加を申し込む" in my_status(member, event_id)


# --- the hosts' dashboard -------------------------------------------------------------------


def test_a_host_checks_someone_in_by_code_and_from_the_list(client_for, joint, people):
    event_id = joint["event"]["id"]
    a, b = client_for(people["a"]), client_for(people["b"])
    for person in (a, b):
        person.post(f"/events/{event_id}/register", data={})
    code = re.search(r'class="code">([A-Z0-9]+)<', my_status(a, event_id)).group(1)
    host = client_for(joint["cohost"])
    manage = text(host.get(f"/events/{event_id}/manage"))
    assert "青木" in manage and code in manage and "参加確定" in manage
    written = f"{code[:3].lower()} {code[3:]}"  # as typed at the door
    response = host.post(f"/events/{event_id}/check-in", data={"code": written})
    assert response.status_code == 302
    page = text(host.get(response.headers["Location"]))
    assert "青木さんを受付しました。" in page
    row = page[page.index("青木</td>") : page.index("</tr>", page.index("青木</td>"))]
    assert "受付済み" in row
    assert "受付済み <strong>1</strong>" in page
    again = host.post(f"/events/{event_id}/check-in", data={"code": code})
    assert again.status_code == 422 and "この参加者はすでに受付済みです。" in text(again)
    unknown = host.post(f"/events/{event_id}/check-in", data={"code": "ZZZZZZ"})
    assert unknown.status_code == 422
    assert "この受付コードの参加登録はありません。" in text(unknown).split('name="code"')[1]
    empty = host.post(f"/events/{event_id}/check-in", data={"code": ""})
    assert empty.status_code == 422
    b_id = re.search(r'id="registration-(\d+)"[^>]*>\s*<td[^>]*>馬場', page).group(1)
    listed = host.post(f"/events/{event_id}/check-in", data={"registration_id": b_id})
    assert "馬場さんを受付しました。" in text(host.get(listed.headers["Location"]))
    assert "受付済み" in section(my_status(a, event_id) + "</section>", "registration")
    assert client_for(people["c"]).post(
        f"/events/{event_id}/check-in", data={"code": code}
    ).status_code == 403  # fmt: skip


def test_the_dashboard_shows_the_waitlist_counts_and_cancels_for_a_participant(
    client_for, joint, people
):
    event_id = joint["event"]["id"]
    for key in "abcde":
        client_for(people[key]).post(f"/events/{event_id}/register", data={})
    lead = client_for(joint["lead"])
    page = text(lead.get(f"/events/{event_id}/manage"))
    waitlist = section(page, "waitlist")
    assert waitlist.index("土井") < waitlist.index("江藤") and "1番目" in waitlist
    counts = section(page, "counts")
    assert joint["miyagi"].name in counts and "東北" in counts and "九州・沖縄" in counts
    assert f"/api/events/{event_id}/registrations.csv" in page
    a_id = re.search(r'id="registration-(\d+)"[^>]*>\s*<td[^>]*>青木', page).group(1)
    response = lead.post(f"/events/{event_id}/registrations/{a_id}/cancel")
    assert response.status_code == 302
    after = text(lead.get(response.headers["Location"]))
    assert "参加登録をキャンセルしました。" in after
    assert "江藤" in section(after, "waitlist") and "土井" not in section(after, "waitlist")
    assert "参加確定" in my_status(client_for(people["d"]), event_id)
    csv = lead.get(f"/api/events/{event_id}/registrations.csv")
    assert csv.status_code == 200 and csv.data.startswith("\ufeff".encode())


def test_the_closing_report_and_the_case_page_link_back(client, make, client_for):
    lab = make.lab(prefectures=("40",))
    coordinator = client_for(make.coordinator(lab))
    presented = create_case(coordinator, lab, title="紹介した事例")
    followed = create_case(coordinator, lab, title="生まれた事例")
    event = create_event(coordinator, lab, related_case_ids=[presented["id"]])
    event = publish(coordinator, event)
    event_id = event["id"]
    manage = text(coordinator.get(f"/events/{event_id}/manage"))
    assert "終了報告はイベントの開始後に記録できます。" in section(manage, "report")
    set_columns(event_id, starts_at=ago(hours=3), ends_at=ago(hours=1))
    bad = coordinator.post(f"/events/{event_id}/report", data={"summary": "", "case_ids": "abc"})
    assert bad.status_code == 422
    assert "必須項目です。" in text(bad).split('name="summary"')[1]
    assert "整数を入力してください。" in text(bad).split('name="case_ids"')[1]
    saved = coordinator.post(
        f"/events/{event_id}/report",
        data={"summary": "3社が**RAG**を試行", "attendance": "12", "case_ids": str(followed["id"])},
    )
    assert saved.status_code == 302
    page = text(client.get(f"/events/{event_id}"))
    report = section(page, "report")
    assert "参加者 12人" in report and "<strong>RAG</strong>" in report and "生まれた事例" in report
    assert "紹介した事例" in section(page, "cases")
    for case in (presented, followed):
        case_page = text(client.get(f"/cases/{case['id']}"))
        assert f'href="/events/{event_id}"' in section(case_page, "events")
    assert 'id="events"' not in text(
        client.get(f"/cases/{create_case(coordinator, lab, title='無関係')['id']}")
    )


def test_calendar_links_on_the_event_page(client, joint):
    page = text(client.get(f"/events/{joint['event']['id']}"))
    links = section(page, "calendar-links")
    assert "calendar.google.com/calendar/render" in links and "outlook.office.com" in links
    assert f"/api/events/{joint['event']['id']}/calendar.ics" in links


# --- English and cost -----------------------------------------------------------------------


def test_the_english_switch_renders_the_pages(client, joint):
    client.post("/language", data={"language": "en"})
    for url in ("/events", "/events/calendar", f"/events/{joint['event']['id']}"):
        assert client.get(url).status_code == 200, url


def test_the_list_pages_cost_the_same_for_2_or_12_events(app, client, make, client_for):
    lab, cohost = make.lab(prefectures=("04",)), make.lab(prefectures=("40", "41"))
    lead = client_for(make.coordinator(lab))
    reader = client_for(make.member(lab))

    def add(n):
        for _ in range(n):
            event = create_event(
                lead, lab, capacity=1, hosts=[{"lab_id": cohost.id, "seat_quota": 1}]
            )
            publish(lead, event)
            reader.post(f"/api/events/{event['id']}/registration", json={})

    add(2)
    month = datetime.fromisoformat(later(30)).strftime("%Y-%m")
    urls = ("/events", "/events?region=tohoku&has_seats=true", f"/events/calendar?month={month}")
    for url in urls:  # warm the reference-data cache
        client.get(url)

    def counts():
        return {(who, url): statements_for(app, c, url) for who, c in
                (("anon", client), ("member", reader)) for url in urls}  # fmt: skip

    few = counts()
    add(10)
    assert counts() == few
