"""The audit trail in the words the person reads on "Who has seen my plan".

Each (action, what) pair the services record gets a whole sentence; anything
recorded later that this table does not know yet still reads truthfully
("Looked at your record", "Changed your record").
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.services.record_views import RecordEvent

_VIEWED = {
    "care_summary": _l("Looked at your care team and how to contact them"),
    "care_team": _l("Looked at your care team"),
    "portal_access": _l("Looked at your details and your sign-in for this portal"),
    "support_level": _l("Looked at how much support you get"),
    "plan_editor": _l("Looked at your plan in the plan editor"),
    "plan_draft": _l("Looked at a part of your plan in the plan editor"),
    "plan_preview": _l("Looked at your plan"),
    "plan_publish": _l("Looked at your plan before publishing it"),
}
_CHANGED = {
    "plan_version": _l("Published a new version of your plan"),
    "plan_draft": _l("Worked on a draft of your plan"),
    "care_team_member": _l("Changed who is in your care team"),
    "support_level_change": _l("Recorded a change in how much support you get"),
    "invitation": _l("Made a link for you to use this portal"),
    "service_user": _l("Registered you with the service"),
}
_ROLES = {
    "staff": _l("Care team"),
    "carer": _l("Carer or family"),
    "admin": _l("Administrator"),
}


def what_they_did(event: RecordEvent) -> str:
    if event.action == "view":
        if event.object_type.startswith("plan_section:"):  # a carer, one shared section
            return str(_l("Looked at a part of your plan you share with them"))
        return str(_VIEWED.get(event.object_type, _l("Looked at your record")))
    return str(_CHANGED.get(event.object_type, _l("Changed your record")))


def who_they_are(event: RecordEvent) -> str:
    """The role they acted in; their name is shown beside it as written."""
    return str(_ROLES.get(event.acting_as, _l("Someone else")))
