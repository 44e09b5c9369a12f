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
from portal.models.plan import (
    ActionOwner,
    ActionStatus,
    ActionUpdate,
    CarePlan,
    Goal,
    Intervention,
    LifeArea,
    PlanAction,
    PlanResponse,
    PlanVersion,
    PlanVersionResponse,
    SafetyPlan,
)
from portal.models.records import AuditEvent, WebSession

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
    "LifeArea",
    "OrganisationType",
    "PlanAction",
    "PlanResponse",
    "PlanSection",
    "PlanVersion",
    "PlanVersionResponse",
    "SafetyPlan",
    "ServiceUser",
    "SharingConsent",
    "StaffMember",
    "SupportLevel",
    "Team",
    "User",
    "WebSession",
]
