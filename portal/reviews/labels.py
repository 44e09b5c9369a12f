"""The words the review pages show for each status, urgency and choice."""

from __future__ import annotations

from typing import Any

from portal.forms.reviews import (
    CONTACT_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    STATUS_TAG_COLOURS,
    SUPPORT_LABELS,
    URGENCY_LABELS,
    URGENCY_SHORT_LABELS,
)
from portal.models import (
    ContactMethod,
    RequestedAs,
    ReviewEventKind,
    ReviewRequestVisibility,
    ReviewStatus,
    ReviewUrgency,
    SupportWanted,
)


def review_labels() -> dict[str, Any]:
    return {
        "urgency_labels": URGENCY_LABELS,
        "urgency_short_labels": URGENCY_SHORT_LABELS,
        "support_labels": SUPPORT_LABELS,
        "contact_labels": CONTACT_LABELS,
        "status_labels": STATUS_LABELS,
        "status_colours": STATUS_TAG_COLOURS,
        "outcome_labels": OUTCOME_LABELS,
        "statuses": ReviewStatus,
        "event_kinds": ReviewEventKind,
        "requested_as": RequestedAs,
        "visibilities": ReviewRequestVisibility,
        "urgencies": ReviewUrgency,
        "support_wanted": SupportWanted,
        "contact_methods": ContactMethod,
    }
