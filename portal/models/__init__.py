"""Typed SQLAlchemy models. Only ``portal.services`` writes through them."""

from portal.models.base import Base
from portal.models.carers import CarerLink, CarerLinkStatus, PlanSection, SharingConsent
from portal.models.invitations import Invitation, InvitationKind
from portal.models.people import (
    CareTeamMember,
    OrganisationType,
    ServiceUser,
    StaffMember,
    SupportLevel,
    SupportLevelChange,
    Team,
    TextSize,
    User,
)
from portal.models.plan import (
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    CarePlan,
    Goal,
    Intervention,
    LifeArea,
    PlanAction,
    PlanDraftSection,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    SafetyPlan,
)
from portal.models.records import AuditEvent, WebSession
from portal.models.settings import ServiceSettings

__all__ = [
    "ActionOwner",
    "ActionStatus",
    "ActionUpdate",
    "AuditEvent",
    "Base",
    "CarePlan",
    "CareTeamMember",
    "CarerLink",
    "CarerLinkStatus",
    "Goal",
    "Intervention",
    "Invitation",
    "InvitationKind",
    "LifeArea",
    "OrganisationType",
    "PlanAction",
    "PlanDraftSection",
    "PlanResponse",
    "PlanSection",
    "PlanVersion",
    "PlanVersionResponse",
    "SafetyPlan",
    "ServiceSettings",
    "ServiceUser",
    "SharingConsent",
    "StaffMember",
    "SupportLevel",
    "SupportLevelChange",
    "Team",
    "TextSize",
    "User",
    "WebSession",
]
