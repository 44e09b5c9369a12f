"""Typed SQLAlchemy models. Only ``portal.services`` writes through them."""

from portal.models.base import Base
from portal.models.carers import CarerLink, CarerLinkStatus, PlanSection, SharingConsent
from portal.models.people import (
    CareTeamMember,
    OrganisationType,
    ServiceUser,
    StaffMember,
    SupportLevel,
    Team,
    User,
)
from portal.models.records import AuditEvent, WebSession

__all__ = [
    "AuditEvent",
    "Base",
    "CareTeamMember",
    "CarerLink",
    "CarerLinkStatus",
    "OrganisationType",
    "PlanSection",
    "ServiceUser",
    "SharingConsent",
    "StaffMember",
    "SupportLevel",
    "Team",
    "User",
    "WebSession",
]
