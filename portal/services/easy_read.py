"""*My plan* in Easy Read: the same plan, from the same data, for the person
it belongs to.

Rules enforced here:
- only the person's own plan: the caller passes the viewer's own record;
- the words people wrote are passed through as written, never shortened or
  reworded (the page only adds short, plain framing sentences around them);
- a fixed number of queries: ``load_plan`` and ``care_summary``, whatever the
  size of the plan or the care team.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal import db
from portal.models import ActionOwner, ActionStatus, ServiceUser
from portal.services.care_team import CareSummary, CareTeamPerson, care_summary
from portal.services.plan import SAFETY_PLAN_STEPS, ActionView, GoalView, PlanView, load_plan


@dataclass(frozen=True)
class EasyReadPlan:
    preferred_name: str
    what_matters_to_me: str
    goals: list[GoalView]
    # Still to do first, then the ones done or no longer needed.
    my_actions: list[ActionView]
    key_worker: CareTeamPerson | None
    care_team: list[CareTeamPerson]
    # What other people (carer, care team, other services) will do.
    others_actions: list[ActionView]
    # (step, the person's words) for each step they have written, in order.
    safety_steps: list[tuple[str, str]]
    next_review_on: date | None
    review_arrangements: str
    plan: PlanView

    @property
    def is_agreed(self) -> bool:
        return self.plan.latest_version is not None


_FINISHED = (ActionStatus.DONE, ActionStatus.NO_LONGER_NEEDED)


def easy_read_plan(service_user_id: int) -> EasyReadPlan:
    plan = load_plan(service_user_id)
    care: CareSummary | None = care_summary(service_user_id)
    mine = plan.actions_for(ActionOwner.ME)
    return EasyReadPlan(
        preferred_name=plan.preferred_name,
        what_matters_to_me=plan.what_matters_to_me,
        goals=plan.goals,
        my_actions=[a for a in mine if a.status not in _FINISHED]
        + [a for a in mine if a.status in _FINISHED],
        key_worker=care.key_worker if care else None,
        care_team=care.others if care else [],
        others_actions=[a for a in plan.actions if a.owner is not ActionOwner.ME],
        safety_steps=[
            (step, plan.safety_plan.steps[step])
            for step in SAFETY_PLAN_STEPS
            if plan.safety_plan.steps[step].strip()
        ],
        next_review_on=plan.next_review_on,
        review_arrangements=plan.review_arrangements,
        plan=plan,
    )


def wants_easy_read(service_user_id: int) -> bool:
    """Whether the person's record says Easy Read. After ``load_plan`` the
    person is in the session already, so this costs no query."""
    person = db.session.get(ServiceUser, service_user_id)
    return bool(person and person.needs_easy_read)
