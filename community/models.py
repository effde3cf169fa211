"""Every feature's models, imported in one place for the mapper and for Alembic."""

from community.accounts.models import ApiToken, User
from community.cases.models import (
    Case,
    CaseChallenge,
    CaseInterest,
    CaseQuestion,
    CaseTag,
    Outcome,
    PolicyUse,
    Rollout,
    RolloutOutcome,
    SubsidyUsage,
)
from community.channels.models import Channel, ChannelMember, ChannelMessage, ChannelReadState
from community.core.cache import ContentVersion
from community.core.search import SearchDocument
from community.events.models import (
    Event,
    EventCase,
    EventChallenge,
    EventHost,
    EventReport,
    EventReportCase,
    Registration,
)
from community.labs.models import (
    Invitation,
    Lab,
    LabMembership,
    MemberOrganisation,
    Prefecture,
    Region,
)
from community.notifications.models import Notification

__all__ = [
    "ApiToken",
    "Case",
    "CaseChallenge",
    "CaseInterest",
    "CaseQuestion",
    "CaseTag",
    "Channel",
    "ChannelMember",
    "ChannelMessage",
    "ChannelReadState",
    "ContentVersion",
    "Event",
    "EventCase",
    "EventChallenge",
    "EventHost",
    "EventReport",
    "EventReportCase",
    "Invitation",
    "Lab",
    "LabMembership",
    "MemberOrganisation",
    "Notification",
    "Outcome",
    "PolicyUse",
    "Prefecture",
    "Region",
    "Registration",
    "Rollout",
    "RolloutOutcome",
    "SearchDocument",
    "SubsidyUsage",
    "User",
]
