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
from community.experts.models import (
    ExpertAnswerTally,
    ExpertField,
    ExpertPrefecture,
    ExpertProfile,
    ExpertRegion,
)
from community.forum.models import (
    CategorySubscription,
    ForumCategory,
    ForumPost,
    ForumThread,
    PostRevision,
    ThreadSubscription,
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
    "CategorySubscription",
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
    "ExpertAnswerTally",
    "ExpertField",
    "ExpertPrefecture",
    "ExpertProfile",
    "ExpertRegion",
    "ForumCategory",
    "ForumPost",
    "ForumThread",
    "Invitation",
    "Lab",
    "LabMembership",
    "MemberOrganisation",
    "Notification",
    "Outcome",
    "PolicyUse",
    "PostRevision",
    "Prefecture",
    "Region",
    "Registration",
    "Rollout",
    "RolloutOutcome",
    "SearchDocument",
    "SubsidyUsage",
    "ThreadSubscription",
    "User",
]
