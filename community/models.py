"""Every feature's models, imported in one place for the mapper and for Alembic."""

from community.accounts.models import ApiToken, User
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
    "Invitation",
    "Lab",
    "LabMembership",
    "MemberOrganisation",
    "Prefecture",
    "Region",
    "SearchDocument",
    "User",
]
