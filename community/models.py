"""Every feature's models, imported in one place for the mapper and for Alembic."""

from community.accounts.models import ApiToken, User
from community.cases.models import Case, CaseChallenge, CaseTag, Outcome, PolicyUse, SubsidyUsage
from community.core.search import SearchDocument
from community.labs.models import (
    Invitation,
    Lab,
    LabMembership,
    MemberOrganisation,
    Prefecture,
    Region,
)

__all__ = [
    "ApiToken",
    "Case",
    "CaseChallenge",
    "CaseTag",
    "Invitation",
    "Lab",
    "LabMembership",
    "MemberOrganisation",
    "Outcome",
    "PolicyUse",
    "Prefecture",
    "Region",
    "SearchDocument",
    "SubsidyUsage",
    "User",
]
