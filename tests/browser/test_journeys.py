"""Journeys through the pages in Chromium, each as a new user would go."""

from __future__ import annotations

import re

import pytest

from community.accounts.models import Role
from community.channels import services as channels
from tests.browser.harness import PHONE, expect, log_in
from tests.cases.test_cases_api import CASE
from tests.events.conftest import create_event, publish
from tests.experts.conftest import PROFILE as EXPERT_PROFILE
from tests.factories import PASSWORD
from tests.forum.conftest import category_id


def create_case(client, lab, **changes) -> dict:
    response = client.post("/api/cases", json={**CASE, "lab_id": lab.id, **changes})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def results(page):
    return page.locator("ol.case-list h2.case-title a")


def test_a_visitor_registers_logs_out_and_logs_in_again(page):
    page.goto("/")
    page.get_by_role("link", name="新規登録").first.click()
    expect(page.locator("h1")).to_have_text("新規登録")
    page.fill("#email", "hanako@example.jp")
    page.fill("#display_name", "山田花子")
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="登録する").click()
    expect(page.locator(".flash-success")).to_contain_text("登録が完了しました")
    expect(page.locator("header")).to_contain_text("山田花子")

    page.get_by_role("button", name="ログアウト").click()
    expect(page.locator(".flash-info")).to_contain_text("ログアウトしました")
    expect(page.locator("header")).not_to_contain_text("山田花子")

    page.get_by_role("link", name="ログイン").first.click()
    page.fill("#email", "hanako@example.jp")
    page.fill("#password", "wrong password!")
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator("[role=alert]")).to_be_visible()
    page.fill("#password", PASSWORD)
    page.get_by_role("button", name="ログイン").click()
    expect(page.locator(".flash-success")).to_contain_text("ログインしました")
    expect(page.locator("header")).to_contain_text("山田花子")


def test_a_reader_searches_the_library_in_japanese_and_filters_by_subsidy(page, make, api_for):
    lab = make.lab(prefectures=("40",), name="福岡DX推進ラボ")
    writer = api_for(make.member(lab))
    create_case(writer, lab, title="組子工房の受発注クラウド化")  # IT導入補助金 (CASE's row)
    create_case(
        writer,
        lab,
        title="組子の端材で新商品",
        tags=["組子"],
        subsidies=[{"programme": "prefectural", "fiscal_year": 2023}],
    )
    create_case(writer, lab, title="漁協の在庫管理", summary="水揚げを記録", tags=["漁業"])

    page.goto("/cases")
    expect(results(page)).to_have_count(3)
    page.fill("#q", "組子")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(results(page)).to_have_count(2)
    expect(page.locator("ol.case-list")).not_to_contain_text("漁協")

    page.locator("details.facets summary").click()
    page.select_option("#f-programme", "it_introduction")
    page.get_by_role("button", name="絞り込む").click()
    expect(results(page)).to_have_count(1)
    expect(results(page)).to_have_text("組子工房の受発注クラウド化")
    expect(page.locator("#q")).to_have_value("組子")
    expect(page.locator(".chip").first).to_be_visible()

    page.get_by_role("link", name="組子工房の受発注クラウド化").click()
    expect(page.locator("table.subsidies")).to_contain_text("IT導入補助金")


def test_a_coordinator_writes_a_case_with_rows_and_finds_it(new_context, make):
    lab = make.lab(prefectures=("04",), name="宮城DX推進ラボ")
    context = new_context("coordinator")
    log_in(context, make.coordinator(lab))
    page = context.new_page()
    page.goto("/cases")
    page.get_by_role("link", name="事例を投稿").click()

    page.fill("#title", "牡蠣養殖の水温センサー")
    page.fill("#summary", "水温を見える化して斃死を減らした。")
    page.select_option("#prefecture", "04")
    page.select_option("#status", "published")
    page.fill("#tags", "養殖、IoT")
    page.fill("#body", "## 取組\n\n**LoRaWAN** のセンサーを設置。")

    page.fill("#outcomes-0-metric", "斃死率")
    page.fill("#outcomes-0-value_before", "30")
    page.fill("#outcomes-0-value_after", "12")
    page.fill("#outcomes-0-unit", "%")
    page.get_by_role("button", name="成果の行を追加").click()
    page.fill("#outcomes-1-metric", "見回り時間")
    page.fill("#outcomes-1-value_before", "20")
    page.fill("#outcomes-1-value_after", "5")

    page.select_option("#subsidies-0-programme", "prefectural")
    page.fill("#subsidies-0-fiscal_year", "2024")
    page.fill("#subsidies-0-amount_granted", "2000000")
    page.get_by_role("button", name="補助金の行を追加").click()
    page.select_option("#subsidies-1-programme", "it_introduction")
    page.fill("#subsidies-1-vendor", "仙台のITベンダー")
    page.get_by_role("button", name="補助金の行を追加").click()  # added, then taken away
    page.locator("[data-rows=subsidies] [data-row]").last.get_by_role("button", name="削除").click()
    expect(page.locator("[data-rows=subsidies] [data-row]")).to_have_count(2)
    page.get_by_role("button", name="保存").click()

    expect(page.locator("h1")).to_have_text("牡蠣養殖の水温センサー")
    expect(page.locator(".figure-metric")).to_have_text(["斃死率", "見回り時間"])
    expect(page.locator("table.subsidies tbody tr")).to_have_count(2)
    expect(page.locator("table.subsidies")).to_contain_text("仙台のITベンダー")
    expect(page.locator(".prose strong")).to_have_text("LoRaWAN")

    page.get_by_role("link", name="事例ライブラリ").click()
    page.fill("#q", "牡蠣")
    page.get_by_role("button", name="検索", exact=True).click()
    expect(results(page)).to_have_text(["牡蠣養殖の水温センサー"])


def test_another_lab_records_its_rollout_of_a_case(new_context, make, api_for):
    fukuoka = make.lab(prefectures=("40",), name="福岡DX推進ラボ")
    case = create_case(api_for(make.member(fukuoka)), fukuoka)
    iwate = make.lab(prefectures=("03",), name="岩手DX推進ラボ")
    context = new_context("other-lab")
    log_in(context, make.coordinator(iwate))
    page = context.new_page()
    page.goto(f"/cases/{case['id']}")
    expect(page.locator(".lineage-summary")).to_contain_text("1ラボ")

    page.get_by_text("自分のラボでの横展開を記録する").click()
    page.select_option("#rollout-prefecture", "03")
    page.select_option("#rollout-status", index=1)
    page.fill("#rollout-changes", "漆器の工房向けに受発注の項目を変えた。")
    page.get_by_role("button", name="横展開を記録").click()

    expect(page.locator(".lineage-summary")).to_contain_text("2ラボ")
    expect(page.locator("table.lineage")).to_contain_text("岩手DX推進ラボ")
    expect(page.locator("table.lineage")).to_contain_text("漆器の工房向けに")


def registration(page):
    return page.locator("#registration")


def test_a_joint_event_fills_up_and_a_cancellation_promotes_the_waitlist(
    new_context, make, api_for, recorder
):
    miyagi, fukuoka = make.lab(prefectures=("04",)), make.lab(prefectures=("40",))
    host = api_for(make.coordinator(miyagi))
    hosts = [{"lab_id": fukuoka.id}]
    event = publish(host, create_event(host, miyagi, capacity=2, title="DX事例共有会", hosts=hosts))
    people = [make.member(miyagi), make.member(fukuoka), make.member(make.lab())]
    pages = []
    for n, person in enumerate(people):
        context = new_context(f"person{n}")
        log_in(context, person)
        page = context.new_page()
        page.goto(f"/events/{event['id']}")
        pages.append(page)

    for page in pages[:2]:  # a page opened before the event filled up still says 参加を申し込む
        registration(page).get_by_role("button", name="参加を申し込む").click()
        expect(registration(page).locator(".status-confirmed")).to_contain_text("参加確定")
    third = pages[2]
    third.reload()
    expect(third.locator(".seat-line")).to_have_attribute("data-seat-state", "full")
    registration(third).get_by_role("button", name="キャンセル待ちに登録").click()
    expect(registration(third).locator(".status-waitlisted")).to_contain_text("キャンセル待ち1番目")
    expect(third.locator("#notification-bell .count")).to_be_hidden()

    first = pages[0]
    recorder.accept_next_dialog()  # 参加登録をキャンセルしますか？
    registration(first).get_by_role("button", name="参加をキャンセル").click()
    expect(registration(first)).to_contain_text("参加登録はキャンセル済みです")
    assert recorder.dialogs == ["[person0] confirm: 参加登録をキャンセルしますか？"]

    bell = third.locator("#notification-bell .count")  # live, without reloading
    expect(bell).to_have_text("1")
    third.reload()
    expect(registration(third).locator(".status-confirmed")).to_contain_text("参加確定")
    third.locator("#notification-bell").click()
    expect(third.locator("main")).to_contain_text("DX事例共有会")


def test_the_language_switches_to_english_and_back(new_context, make):
    visitor = new_context("visitor").new_page()
    visitor.goto("/cases?q=組子")
    expect(visitor.locator("html")).to_have_attribute("lang", "ja")
    visitor.locator("a.lang-switch").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "en")
    expect(visitor.locator("h1")).to_have_text("Case library")
    expect(visitor).to_have_url(re.compile(r"/cases\?q="))
    expect(visitor.locator("#q")).to_have_value("組子")
    expect(visitor.locator("a.lang-switch")).to_have_text("日本語")
    visitor.goto("/events")  # the choice stays for the visit
    expect(visitor.locator("h1").first).to_have_text("Upcoming events")
    visitor.locator("a.lang-switch").click()
    expect(visitor.locator("html")).to_have_attribute("lang", "ja")
    expect(visitor.locator("h1").first).to_have_text("これからのイベント")

    context = new_context("user")
    log_in(context, make.user())
    user = context.new_page()
    user.goto("/labs")
    expect(user.locator("a.lang-switch")).to_have_count(0)  # a user's switch is a POST form
    user.locator("form.lang-switch button").click()
    expect(user.locator("html")).to_have_attribute("lang", "en")
    expect(user.locator("nav.main-nav")).to_contain_text("Case library")
    expect(user).to_have_url(re.compile(r"/labs$"))
    user.goto("/me")
    expect(user.locator("#preferred_language")).to_have_value("en")
    user.locator("form.lang-switch button").click()
    expect(user.locator("html")).to_have_attribute("lang", "ja")
    expect(user.locator("#preferred_language")).to_have_value("ja")


PHONE_PAGES = [
    "/",
    "/cases",
    "/cases/{case}",
    "/cases/new",
    "/events",
    "/events/calendar",
    "/events/{event}",
    "/labs",
    "/labs/{lab}",
    "/me",
    "/notifications",
    "/forum",
    "/forum/threads/{thread}",
    "/experts",
    "/experts/{expert}",
    "/channels",
    "/channels/{room}",
]


def test_the_main_pages_fit_a_phone_without_sideways_scrolling(new_context, make, api_for):
    lab = make.lab(prefectures=("04",), name="宮城県中小企業DX推進ラボ（仙台・石巻・気仙沼）")
    coordinator = make.coordinator(lab, role=Role.MEMBER, name="とても長い表示名の利用者です")
    writer = api_for(coordinator)
    case = create_case(
        writer,
        lab,
        body=f"https://example.jp/{'a' * 120}\n\n| 列 | 列 |\n|---|---|\n| {'長' * 60} | x |",
        contact="仙台市青葉区一番町四丁目 " + "x" * 80,
    )
    long_word = "https://example.jp/" + "b" * 150
    event = publish(writer, create_event(writer, lab, capacity=5, description=long_word))
    assert writer.patch(f"/api/labs/{lab.id}", json={"description": long_word}).status_code == 200
    thread = writer.post(
        "/api/forum/threads",
        json={"category_id": category_id("exchange"), "title": "長い" * 40, "body": long_word},
    ).get_json()
    expert = make.user(role=Role.EXPERT, name="佐藤 専門家")
    profile = (
        api_for(expert)
        .post(
            "/api/experts",
            json={**EXPERT_PROFILE, "bio": long_word, "organisation": "研究所" * 30},
        )
        .get_json()
    )
    room = channels.do_create_room(coordinator, lab_id=lab.id, name="相談" * 30)
    channels.do_invite(coordinator, room, user_id=expert.id)
    channels.do_send(expert, room, body=long_word, is_question=True)
    context = new_context("phone", phone=True)
    log_in(context, coordinator)
    page = context.new_page()
    too_wide = {}
    ids = {"thread": thread["id"], "expert": profile["id"], "room": room.id}
    for template in PHONE_PAGES:
        path = template.format(case=case["id"], event=event["id"], lab=lab.slug, **ids)
        response = page.goto(path)
        assert response.ok, (path, response.status)
        # a phone widens its layout viewport to fit wide content, so innerWidth alone would
        # follow the content: compare with the phone's own width too
        width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
        if max(width) > PHONE["width"]:
            too_wide[path] = width
    assert too_wide == {}, f"wider than the phone (scrollWidth, innerWidth): {too_wide}"


@pytest.mark.parametrize("path", ["/login", "/register"])
def test_the_visitor_forms_fit_a_phone(new_context, path):
    page = new_context("phone", phone=True).new_page()
    page.goto(path)
    width = page.evaluate("() => [document.scrollingElement.scrollWidth, window.innerWidth]")
    assert max(width) <= PHONE["width"], width


def test_a_member_and_an_expert_talk_live_in_a_consultation_room(new_context, make):
    lab = make.lab(prefectures=("40",))
    member = make.member(lab, name="福岡 メンバー")
    expert = make.user(role=Role.EXPERT, name="佐藤 専門家")
    room = channels.do_create_room(member, lab_id=lab.id, name="補助金の相談ルーム")
    channels.do_invite(member, room, user_id=expert.id)

    pages = {}
    for label, person in (("member", member), ("expert", expert)):
        context = new_context(label)
        log_in(context, person)
        page = context.new_page()
        page.goto(f"/channels/{room.id}")
        expect(page.locator("#presence")).to_be_visible()  # joined: the socket is live
        page.evaluate("window.__sameDocument = true")
        pages[label] = page
    expect(pages["member"].locator("#presence .presence-list")).to_have_text("佐藤 専門家")

    pages["expert"].locator("#body").press_sequentially("IT導入補助金の")
    expect(pages["member"].locator("#typing")).to_contain_text("佐藤 専門家")
    pages["expert"].locator("#body").fill("IT導入補助金の**申請枠**を確認しましょう。")
    pages["expert"].get_by_role("button", name="送信").click()
    for page in pages.values():
        expect(page.locator("#messages .message")).to_have_count(1)
        expect(page.locator("#messages .message strong").last).to_have_text("申請枠")
    expect(pages["member"].locator(".message-author")).to_have_text("佐藤 専門家")
    expect(pages["expert"].locator("#body")).to_have_value("")

    pages["member"].locator("#body").press_sequentially("通常枠で")
    expect(pages["expert"].locator("#typing")).to_contain_text("福岡 メンバー")
    pages["member"].locator("#body").fill("通常枠で申請できますか？")
    pages["member"].get_by_label("質問として投稿").check()
    pages["member"].get_by_role("button", name="送信").click()
    for page in pages.values():
        expect(page.locator("#messages .message")).to_have_count(2)
        expect(page.locator("#messages .message").last).to_contain_text("通常枠で申請できますか？")
        expect(page.locator("#messages .message.is-question .open-tag")).to_be_visible()
        assert page.evaluate("window.__sameDocument") is True  # nothing reloaded
