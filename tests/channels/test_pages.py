"""The channel pages, and their plain forms that work without JavaScript."""

from __future__ import annotations

import re

import sqlalchemy as sa

from community.channels import services
from community.channels.models import Channel, ChannelMessage, ChannelReadState
from community.extensions import db as _db
from tests.channels.conftest import field_channel


def test_pages_need_a_login(client):
    response = client.get("/channels")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_list_shows_fields_rooms_and_unread_badges(client_for, people):
    room = services.do_create_room(people["member"], lab_id=people["lab"].id, name="試作ルーム")
    services.do_send(people["member"], field_channel("ai"), body="新着です")
    page = client_for(people["coordinator"]).get("/channels").get_data(as_text=True)
    assert "AI活用" in page and "試作ルーム" in page
    assert re.search(r'class="unread-badge"[^>]*>1<', page)
    assert "未回答の質問" not in page  # the queue link is for experts
    other = client_for(people["outsider"]).get("/channels").get_data(as_text=True)
    assert "試作ルーム" not in other
    assert "未回答の質問" in client_for(people["expert"]).get("/channels").get_data(as_text=True)
    assert client_for(people["outsider"]).get(f"/channels/{room.id}").status_code == 403


def test_sending_by_plain_form_is_stored_once_and_a_get_writes_nothing(client_for, people):
    member = client_for(people["member"])
    channel = field_channel()
    page = member.get(f"/channels/{channel.id}").get_data(as_text=True)
    client_id = re.search(r'name="client_id" value="([0-9a-f]+)"', page).group(1)
    assert "socket.io.min.js" in page and "channels.js" in page
    form = {"body": "フォームから**送信**", "client_id": client_id, "is_question": "1"}
    for _ in range(2):  # a double click posts the same form twice
        response = member.post(f"/channels/{channel.id}/messages", data=form)
        assert response.status_code == 302
    messages = _db.session.scalars(sa.select(ChannelMessage)).all()
    assert len(messages) == 1 and messages[0].is_question
    page = member.get(f"/channels/{channel.id}").get_data(as_text=True)
    assert "<strong>送信</strong>" in page and "未回答" in page
    assert _db.session.scalar(sa.select(sa.func.count()).select_from(ChannelReadState)) == 0
    empty = member.post(f"/channels/{channel.id}/messages", data={"body": " "})
    assert empty.status_code == 302
    assert "必須項目です。" in member.get(f"/channels/{channel.id}").get_data(as_text=True)


def test_answer_delete_and_read_by_plain_forms(client_for, people):
    member, expert = client_for(people["member"]), client_for(people["expert"])
    channel = field_channel()
    question, _ = services.do_send(people["member"], channel, body="質問", is_question=True)
    reply, _ = services.do_send(people["expert"], channel, body="回答")
    url = f"/channels/{channel.id}/messages"
    assert (
        member.post(f"{url}/{question.id}/answer", data={"answer_id": str(reply.id)}).status_code
        == 302
    )
    _db.session.expire_all()
    assert _db.session.get(ChannelMessage, question.id).answer_id == reply.id
    assert expert.post(f"{url}/{reply.id}/delete").status_code == 302
    page = member.get(f"/channels/{channel.id}").get_data(as_text=True)
    assert "削除されました" in page and "回答済み" in page
    member.post(f"/channels/{channel.id}/read", data={"message_id": str(reply.id)})
    assert _db.session.get(ChannelReadState, (channel.id, people["member"].id))
    assert member.post(f"/channels/{channel.id}/read", data={"message_id": "x"}).status_code == 422
    assert member.get(f"/channels/{channel.id}?before=abc").status_code == 404


def test_room_creation_and_invitation_forms(client_for, people):
    coordinator = client_for(people["coordinator"])
    form = coordinator.get("/channels/new").get_data(as_text=True)
    assert people["lab"].name in form
    bad = coordinator.post("/channels/new", data={"lab_id": str(people["lab"].id), "name": ""})
    assert bad.status_code == 200 and "必須項目です。" in bad.get_data(as_text=True)
    created = coordinator.post(
        "/channels/new", data={"lab_id": str(people["lab"].id), "name": "現地相談"}
    )
    assert created.status_code == 302
    room = _db.session.scalar(sa.select(Channel).where(Channel.name == "現地相談"))
    page = coordinator.get(f"/channels/{room.id}").get_data(as_text=True)
    assert "佐藤 専門家" in page  # offered in the invitation form
    coordinator.post(f"/channels/{room.id}/members", data={"user_id": str(people["expert"].id)})
    assert client_for(people["expert"]).get(f"/channels/{room.id}").status_code == 200
    coordinator.post(f"/channels/{room.id}/members/{people['expert'].id}/remove")
    assert client_for(people["expert"]).get(f"/channels/{room.id}").status_code == 403
    outsider = client_for(people["outsider"]).post(
        "/channels/new", data={"lab_id": str(people["lab"].id), "name": "よそ"}
    )
    assert outsider.status_code == 403  # a lab the form never offered them


def test_the_queue_page(client_for, people):
    services.do_send(people["member"], field_channel("iot"), body="IoTの質問", is_question=True)
    page = client_for(people["expert"]).get("/channels/questions?field=iot")
    assert page.status_code == 200 and "IoTの質問" in page.get_data(as_text=True)
    assert client_for(people["member"]).get("/channels/questions").status_code == 403
    assert client_for(people["expert"]).get("/channels/questions?field=zzz").status_code == 404
