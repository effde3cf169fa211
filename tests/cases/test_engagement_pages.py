"""The case page's lineage, やってみたい, questions and moderation, used as a person would."""

import re

from community.accounts.models import Role
from tests.cases.test_cases_api import create


def text(response) -> str:
    return response.get_data(as_text=True)


def test_another_lab_records_a_rollout_and_the_lineage_shows_both_regions(client, auth, make):
    fukuoka = make.lab(prefectures=("40",), name="福岡ラボ")
    miyagi = make.lab(prefectures=("04",), name="宮城ラボ")
    auth.login(make.coordinator(fukuoka))
    case = create(client, fukuoka)
    auth.logout()
    auth.login(make.coordinator(miyagi))
    page = text(client.get(f"/cases/{case['id']}"))
    assert "自分のラボでの横展開を記録する" in page and 'value="' + str(miyagi.id) in page
    response = client.post(
        f"/cases/{case['id']}/rollouts",
        data={"lab_id": miyagi.id, "status": "in_progress", "changes": "宮城の商習慣に合わせた"},
    )
    assert response.status_code == 302
    page = text(client.get(f"/cases/{case['id']}"))
    assert "2地域・2都道府県・2ラボに展開" in page
    lineage = page[page.index('id="lineage"') :]
    assert lineage.index("福岡県") < lineage.index("宮城県")
    assert "実施中" in lineage and "宮城の商習慣に合わせた" in lineage
    assert "自分のラボでの横展開を記録する" not in page  # recorded once; now it can be updated
    updated = client.post(
        f"/cases/{case['id']}/rollouts/{_rollout_id(page)}", data={"status": "done", "changes": ""}
    )
    assert updated.status_code == 302
    assert "実施済み" in text(client.get(f"/cases/{case['id']}"))


def _rollout_id(page: str) -> int:
    return int(re.search(r"/rollouts/(\d+)\"", page).group(1))


def test_a_bad_rollout_form_keeps_the_input_and_says_why(client, auth, make):
    fukuoka = make.lab(prefectures=("40",))
    miyagi = make.lab(prefectures=("04",))
    auth.login(make.coordinator(fukuoka))
    case = create(client, fukuoka)
    auth.logout()
    auth.login(make.coordinator(miyagi))
    response = client.post(
        f"/cases/{case['id']}/rollouts",
        data={"lab_id": miyagi.id, "prefecture": "13", "status": "planned", "changes": "下書き"},
    )
    assert response.status_code == 422
    body = text(response)
    assert "ラボの対象地域の都道府県を選んでください。" in body and "下書き</textarea>" in body


def test_interest_and_a_question_answered_on_the_page(client, auth, make):
    lab = make.lab(prefectures=("40",))
    owner = make.coordinator(lab)
    auth.login(owner)
    case = create(client, lab)
    auth.logout()
    assert "ログインすると" in text(client.get(f"/cases/{case['id']}"))
    visitor = make.member(make.lab(prefectures=("04",)))
    auth.login(visitor)
    assert client.post(f"/cases/{case['id']}/interest").status_code == 302
    page = text(client.get(f"/cases/{case['id']}"))
    assert 'class="interest-count">1<' in page and "取り消す" in page
    empty = client.post(f"/cases/{case['id']}/questions", data={"body": ""})
    assert empty.status_code == 422 and "必須項目です。" in text(empty)
    asked = client.post(f"/cases/{case['id']}/questions", data={"body": "ベンダーはどこですか？"})
    assert asked.status_code == 302
    auth.logout()
    auth.login(owner)
    page = text(client.get(f"/cases/{case['id']}"))
    question_id = int(re.search(r"/questions/(\d+)/answer", page).group(1))
    assert "ベンダーはどこですか？" in page and "やってみたい（取り消す）" not in page
    answered = client.post(
        f"/cases/{case['id']}/questions/{question_id}/answer", data={"answer": "地元の企業です。"}
    )
    assert answered.status_code == 302
    auth.logout()
    assert "地元の企業です。" in text(client.get(f"/cases/{case['id']}"))


def test_secretariat_unpublishes_from_the_page_and_the_lab_reads_why(client, auth, make):
    lab = make.lab()
    owner = make.coordinator(lab)
    auth.login(owner)
    case = create(client, lab)
    auth.logout()
    auth.login(make.user(role=Role.SECRETARIAT))
    assert client.post(f"/cases/{case['id']}/unpublish", data={"reason": ""}).status_code == 422
    done = client.post(f"/cases/{case['id']}/unpublish", data={"reason": "連絡先に個人の電話番号"})
    assert done.status_code == 302
    auth.logout()
    assert client.get(f"/cases/{case['id']}").status_code == 404
    auth.login(owner)
    assert "連絡先に個人の電話番号" in text(client.get(f"/cases/{case['id']}"))
    assert client.post(f"/cases/{case['id']}/unpublish", data={"reason": "x"}).status_code == 403


def test_markup_in_questions_and_rollouts_is_escaped(client, auth, make):
    lab = make.lab(prefectures=("40",))
    auth.login(make.coordinator(lab))
    case = create(client, lab)
    auth.logout()
    other = make.lab(prefectures=("04",))
    auth.login(make.coordinator(other))
    client.post(f"/cases/{case['id']}/questions", data={"body": "<script>alert(1)</script>"})
    client.post(
        f"/cases/{case['id']}/rollouts",
        data={"lab_id": other.id, "status": "planned", "changes": "<img src=x onerror=alert(1)>"},
    )
    page = text(client.get(f"/cases/{case['id']}"))
    assert "<script>alert(1)" not in page and "<img src=x onerror" not in page
