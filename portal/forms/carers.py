"""Choosing what a carer sees, and what carers write to the team."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, Field, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from portal.forms import PortalForm, strip_whitespace
from portal.forms.plan import check_optional_date, optional_date
from portal.models import AssessmentStatus, ContributionVisibility, PlanSection, SuggestionStatus

# What each section shows, in the words the service user reads.
SECTION_LABELS = {
    PlanSection.SUMMARY: _l(
        "What matters to me, my key worker and care team, and how to contact them"
    ),
    PlanSection.GOALS: _l("My goals"),
    PlanSection.ACTIONS: _l("My actions, and who is doing what"),
    PlanSection.SAFETY_PLAN: _l("My safety plan"),
    PlanSection.INTERVENTIONS: _l("The support and care I am getting"),
    PlanSection.REVIEWS: _l("When my plan will next be reviewed"),
    PlanSection.HISTORY: _l("Earlier agreed versions of my plan"),
}
# The same sections named for a carer reading them.
SECTION_TITLES = {
    PlanSection.SUMMARY: _l("Summary and care team"),
    PlanSection.GOALS: _l("Goals"),
    PlanSection.ACTIONS: _l("Actions"),
    PlanSection.SAFETY_PLAN: _l("Safety plan"),
    PlanSection.INTERVENTIONS: _l("Support and care"),
    PlanSection.REVIEWS: _l("Reviews"),
    PlanSection.HISTORY: _l("Plan history"),
}

SUGGESTION_LABELS = {
    SuggestionStatus.PENDING: _l("An action you offered: waiting for an answer"),
    SuggestionStatus.ACCEPTED: _l("An action you offered: added to the plan"),
    SuggestionStatus.DECLINED: _l("An action you offered: not added to the plan"),
}


def _until(label: Any) -> IntegerField:
    return IntegerField(label, validators=[Optional()])


class SharingForm(PortalForm):
    """One checkbox per section, each with an optional "until" date.
    The fields are added below, one set per section."""

    def section_fields(self) -> list[tuple[PlanSection, Field, Field, Field, Field]]:
        return [
            (
                s,
                self[f"share_{s.value}"],
                self[f"until_{s.value}_day"],
                self[f"until_{s.value}_month"],
                self[f"until_{s.value}_year"],
            )
            for s in PlanSection
        ]

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        for _section, share, day, month, year in self.section_fields():
            if not share.data:
                continue
            try:
                check_optional_date(day, month, year)
                chosen = optional_date(day, month, year)
                if chosen is not None and chosen < date.today():
                    raise ValidationError(_l("The date to share until must be today or later"))
            except ValidationError as error:
                day.errors = [*day.errors, str(error)]
                valid = False
        return valid

    def chosen(self) -> dict[PlanSection, date | None]:
        return {
            section: optional_date(day, month, year)
            for section, share, day, month, year in self.section_fields()
            if share.data
        }

    @classmethod
    def prefilled(cls, shares: dict[PlanSection, date | None], **kwargs: Any) -> SharingForm:
        data: dict[str, Any] = {}
        for section, until in shares.items():
            data[f"share_{section.value}"] = True
            if until is not None:
                data[f"until_{section.value}_day"] = until.day
                data[f"until_{section.value}_month"] = until.month
                data[f"until_{section.value}_year"] = until.year
        return cls(data=data, **kwargs)


for _section in PlanSection:
    setattr(SharingForm, f"share_{_section.value}", BooleanField(SECTION_LABELS[_section]))
    setattr(SharingForm, f"until_{_section.value}_day", _until(_l("Day")))
    setattr(SharingForm, f"until_{_section.value}_month", _until(_l("Month")))
    setattr(SharingForm, f"until_{_section.value}_year", _until(_l("Year")))


class InviteCarerForm(SharingForm):
    carer_name = StringField(
        _l("Their name"),
        filters=[strip_whitespace],
        validators=[
            DataRequired(message=_l("Enter the name of the person you are inviting")),
            Length(max=120, message=_l("The name must be 120 characters or fewer")),
        ],
    )
    relationship = StringField(
        _l("How do they know you?"),
        filters=[strip_whitespace],
        description=_l("For example: my mum, my partner, a friend."),
        validators=[
            DataRequired(message=_l("Enter how they know you")),
            Length(max=80, message=_l("This must be 80 characters or fewer")),
        ],
    )


class ShareWithTeamForm(PortalForm):
    body = TextAreaField(
        _l("What would you like the care team to know?"),
        filters=[strip_whitespace],
        description=_l(
            "For example, changes you have noticed, what helps, or something that worries you."
        ),
        validators=[
            DataRequired(message=_l("Write what you would like the care team to know")),
            Length(max=2000, message=_l("This must be 2,000 characters or fewer")),
        ],
    )
    visibility = RadioField(_l("Who can read it?"), choices=[], validate_choice=False)

    def __init__(self, *args: Any, person_name: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.visibility.choices = [
            (ContributionVisibility.TEAM.value, _("The care team only")),
            (
                ContributionVisibility.TEAM_AND_PERSON.value,
                _("The care team and %(name)s", name=person_name),
            ),
        ]

    def validate_visibility(self, field: RadioField) -> None:
        if field.data not in {v.value for v in ContributionVisibility}:
            raise ValidationError(_l("Choose who can read it"))

    def chosen_visibility(self) -> ContributionVisibility:
        return ContributionVisibility(self.visibility.data)


class SuggestActionForm(PortalForm):
    description = TextAreaField(
        _l("What could you do?"),
        filters=[strip_whitespace],
        description=_l("For example: I will drive them to their appointments on Tuesdays."),
        validators=[
            DataRequired(message=_l("Write what you could do")),
            Length(max=500, message=_l("This must be 500 characters or fewer")),
        ],
    )


class DecideSuggestionForm(PortalForm):
    decision = RadioField(_l("Do you want this in your plan?"), choices=[], validate_choice=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.decision.choices = [
            ("accept", str(_l("Yes, add it to my plan"))),
            ("decline", str(_l("No, thank you"))),
        ]

    def validate_decision(self, field: RadioField) -> None:
        if field.data not in {"accept", "decline"}:
            raise ValidationError(_l("Choose whether you want this in your plan"))


STATUS_LABELS = {
    AssessmentStatus.RECEIVED: _l("Received"),
    AssessmentStatus.PASSED_TO_LOCAL_AUTHORITY: _l("Passed to the local authority"),
    AssessmentStatus.ASSESSMENT_ARRANGED: _l("Assessment arranged"),
    AssessmentStatus.COMPLETED: _l("Completed"),
    AssessmentStatus.CLOSED: _l("Closed"),
}


class AssessmentStatusForm(PortalForm):
    status = RadioField(_l("Status"), choices=[], validate_choice=False)
    note = TextAreaField(
        _l("Note for the carer"),
        filters=[strip_whitespace],
        description=_l("The carer sees this beside the status. Say what happens next."),
        validators=[Length(max=2000, message=_l("This must be 2,000 characters or fewer"))],
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.status.choices = [(s.value, str(label)) for s, label in STATUS_LABELS.items()]

    def validate_status(self, field: RadioField) -> None:
        if field.data not in {s.value for s in AssessmentStatus}:
            raise ValidationError(_l("Choose a status"))

    def validate_note(self, field: TextAreaField) -> None:
        if self.status.data == AssessmentStatus.CLOSED.value and not (field.data or "").strip():
            raise ValidationError(_l("Say why the request is being closed"))

    def chosen_status(self) -> AssessmentStatus:
        return AssessmentStatus(self.status.data)
