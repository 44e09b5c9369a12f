"""Forms of the plan editor: one short form per section, and publishing.

Each section form carries the draft version it started from (0: no draft)
and the latest published version the staff member saw, so a stale save is
caught (see services.drafts). List sections are fieldsets, one per item, each
with a "Remove from the plan" box, plus one empty fieldset to add an item.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from flask_babel import LazyString, format_number
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, ValidationError

from portal.forms import PortalForm
from portal.forms.plan import LIFE_AREA_LABELS, SafetyPlanForm
from portal.models import ActionOwner, ActionStatus, LifeArea
from portal.services import drafts
from portal.services.plan import SAFETY_PLAN_STEPS

TEXT_LIMIT = 4000
SHORT_LIMIT = 200

OWNER_LABELS = {
    ActionOwner.ME: _l("The person themselves"),
    ActionOwner.CARER: _l("Their carer or family"),
    ActionOwner.TEAM: _l("Someone in their care team"),
    ActionOwner.PARTNER: _l("A partner agency or service"),
}


def _number(text: str | None) -> int:
    text = text or ""
    return int(text) if text.isdigit() else 0


NEW_ITEM = "new"  # an item only in the draft; "" is the empty "add" fieldset


def _item_id(text: str | None) -> int | None:
    """A live item's id from a hidden field. Anything else than digits, "new"
    or nothing is tampering: -1 names no item, so the service answers 404."""
    text = (text or "").strip()
    if text in ("", NEW_ITEM):
        return None
    return int(text) if text.isdigit() else -1


def _too_long(limit: int) -> Length:
    return Length(
        max=limit,
        # The number is written the reader's way when the message is shown:
        # "5,000" in English, "5000" in Spanish (where "5,000" reads as five).
        message=_l(
            "This must be %(limit)s characters or fewer", limit=LazyString(format_number, limit)
        ),
    )


def _life_area_choices(blank_label: Any) -> list[tuple[str, Any]]:
    return [("", blank_label)] + [(area.value, label) for area, label in LIFE_AREA_LABELS.items()]


def parse_date(day: str | None, month: str | None, year: str | None) -> date | None:
    """A date from the three boxes of an NHS date input: None when all are
    empty; ValueError with a message to show when it is not a real date."""
    parts = [(day or "").strip(), (month or "").strip(), (year or "").strip()]
    if not any(parts):
        return None
    if not all(parts):
        raise ValueError(_l("Enter a full date with a day, month and year"))
    if not all(part.isdigit() for part in parts):
        raise ValueError(_l("The date must be numbers, like 21 6 2027"))
    try:
        chosen = date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError as error:
        raise ValueError(_l("Enter a real date, like 21 6 2027")) from error
    if not 2000 <= chosen.year <= 2100:
        raise ValueError(_l("Enter a real date, like 21 6 2027"))
    return chosen


def _date_parts(value: date | None) -> dict[str, str]:
    if value is None:
        return {"due_day": "", "due_month": "", "due_year": ""}
    return {"due_day": str(value.day), "due_month": str(value.month), "due_year": str(value.year)}


class SectionForm(PortalForm):
    section: ClassVar[str]
    draft_version = HiddenField()
    published_version = HiddenField()

    def expected_draft_version(self) -> int:
        return _number(self.draft_version.data)

    def expected_published_version(self) -> int:
        return _number(self.published_version.data)

    def content(self) -> drafts.Content:
        raise NotImplementedError

    @classmethod
    def data_for(cls, content: drafts.Content, removed: list[drafts.Item]) -> dict[str, Any]:
        raise NotImplementedError

    def has_problems(self) -> bool:
        return bool(self.error_summary())


class WhatMattersForm(SectionForm):
    section = "what_matters"
    what_matters_to_me = TextAreaField(
        _l("What matters to them"),
        description=_l(
            "In their own words, as they said it. For example: seeing my grandchildren every week."
        ),
        validators=[_too_long(TEXT_LIMIT)],
    )

    def content(self) -> drafts.Content:
        return drafts.WhatMatters((self.what_matters_to_me.data or "").strip())

    @classmethod
    def data_for(cls, content: drafts.Content, removed: list[drafts.Item]) -> dict[str, Any]:
        assert isinstance(content, drafts.WhatMatters)
        return {"what_matters_to_me": content.text}


class ReviewForm(SectionForm):
    section = "review"
    review_arrangements = TextAreaField(
        _l("How the plan will be reviewed"),
        description=_l("Who will be there, where, and how the person would like to be reminded."),
        validators=[_too_long(TEXT_LIMIT)],
    )
    section_117_aftercare = TextAreaField(
        _l("Section 117 aftercare (if it applies)"),
        description=_l("Leave this empty if it does not apply."),
        validators=[_too_long(TEXT_LIMIT)],
    )
    care_act_needs = TextAreaField(
        _l("Care Act needs (if any)"),
        description=_l("Leave this empty if there are none."),
        validators=[_too_long(TEXT_LIMIT)],
    )

    def content(self) -> drafts.Content:
        return drafts.ReviewDetails(
            (self.review_arrangements.data or "").strip(),
            (self.section_117_aftercare.data or "").strip(),
            (self.care_act_needs.data or "").strip(),
        )

    @classmethod
    def data_for(cls, content: drafts.Content, removed: list[drafts.Item]) -> dict[str, Any]:
        assert isinstance(content, drafts.ReviewDetails)
        return {
            "review_arrangements": content.review_arrangements,
            "section_117_aftercare": content.section_117_aftercare,
            "care_act_needs": content.care_act_needs,
        }


class SafetyPlanDraftForm(SectionForm, SafetyPlanForm):
    """The person's seven steps. ``version`` is the live safety plan version
    the staff member had in front of them."""

    section = "safety_plan"

    def content(self) -> drafts.Content:
        return drafts.SafetySteps(
            {step: (getattr(self, step).data or "").strip() for step in SAFETY_PLAN_STEPS}
        )

    def seen_safety_version(self) -> int:
        return _number(self.version.data)

    @classmethod
    def data_for(cls, content: drafts.Content, removed: list[drafts.Item]) -> dict[str, Any]:
        assert isinstance(content, drafts.SafetySteps)
        return dict(content.steps)


# --- List sections ---------------------------------------------------------------


class GoalItemForm(Form):  # type: ignore[misc]
    item_id = HiddenField()
    life_area = SelectField(
        _l("Part of life"),
        choices=lambda: _life_area_choices(_l("Choose a part of life")),
        validate_choice=False,
    )
    goal = TextAreaField(_l("The goal, in their words"), validators=[_too_long(TEXT_LIMIT)])
    why_it_matters = TextAreaField(
        _l("Why it matters to them (optional)"), validators=[_too_long(TEXT_LIMIT)]
    )
    remove = BooleanField(_l("Remove from the plan"))


class ActionItemForm(Form):  # type: ignore[misc]
    item_id = HiddenField()
    description = TextAreaField(_l("What will be done"), validators=[_too_long(500)])
    # "me", "carer", "partner", or "team:<staff member id>": one short list
    # instead of radios with hidden extra questions.
    who = SelectField(_l("Who will do it"), choices=[], validate_choice=False)
    owner_name = StringField(
        _l("Name of the carer, family member or agency"),
        description=_l("Needed for a partner agency. Optional for a carer or family member."),
        validators=[_too_long(160)],
    )
    life_area = SelectField(
        _l("Part of life (optional)"),
        choices=lambda: _life_area_choices(_l("Choose one, or leave it")),
        validate_choice=False,
    )
    due_day = StringField(_l("Day"))
    due_month = StringField(_l("Month"))
    due_year = StringField(_l("Year"))
    remove = BooleanField(_l("Remove from the plan"))


class InterventionItemForm(Form):  # type: ignore[misc]
    item_id = HiddenField()
    name = StringField(
        _l("What the support is"),
        description=_l("For example: a course of psychological therapy, or employment support."),
        validators=[_too_long(SHORT_LIMIT)],
    )
    description = TextAreaField(
        _l("What it involves (optional)"), validators=[_too_long(TEXT_LIMIT)]
    )
    provider = StringField(_l("Who provides it (optional)"), validators=[_too_long(SHORT_LIMIT)])
    when = StringField(
        _l("When (optional)"),
        description=_l("For example: Tuesdays at 2pm, for 12 weeks."),
        validators=[_too_long(SHORT_LIMIT)],
    )
    remove = BooleanField(_l("Remove from the plan"))


class ListSectionForm(SectionForm):
    """Shared by goals, actions and interventions: the list field is named
    after the section, so two sections open on one page never share ids."""

    item_label: ClassVar[Any]  # "Goal %(number)d"
    new_item_label: ClassVar[Any]  # "Add a goal"
    text_fields: ClassVar[tuple[str, ...]]  # any of these typed: not a blank new item

    @property
    def entries(self) -> FieldList:
        field: FieldList = getattr(self, self.section)
        return field

    def add_blank_entry(self) -> None:
        self.entries.append_entry()
        self.prepare_entries()

    def prepare_entries(self) -> None:
        """Choices that depend on the person (their care team)."""

    def is_add_entry(self, entry: Form) -> bool:
        """The empty fieldset to add an item (not an item saved in the draft)."""
        return not (entry.item_id.data or "").strip()

    def is_live(self, entry: Form) -> bool:
        return _item_id(entry.item_id.data) is not None

    def is_ignored(self, entry: Form) -> bool:
        """An untouched "add" fieldset, or a new item taken out again."""
        if not self.is_live(entry) and entry.remove.data:
            return True
        return self.is_add_entry(entry) and not any(
            (getattr(entry, name).data or "").strip() for name in self.text_fields
        )

    def legend(self, entry: Form, number: int) -> str:
        if self.is_add_entry(entry):
            return str(self.new_item_label)
        return str(self.item_label) % {"number": number}

    def check_item(self, entry: Form) -> None:
        raise NotImplementedError

    def validate(self, extra_validators: Any = None) -> bool:
        valid = bool(super().validate(extra_validators))
        for entry_field in self.entries:
            entry = entry_field.form
            if self.is_ignored(entry) or entry.remove.data:
                continue
            self.check_item(entry)
        return valid and not self.has_problems()

    def error_summary(self) -> list[dict[str, Any]]:
        items = []
        for number, entry_field in enumerate(self.entries, start=1):
            entry = entry_field.form
            for sub in entry:
                for message in sub.errors:
                    items.append(
                        {
                            "text": _l(
                                "%(item)s: %(problem)s",
                                item=self.legend(entry, number),
                                problem=message,
                            ),
                            "href": f"#{sub.id}",
                        }
                    )
        return items

    def kept_entries(self) -> list[Form]:
        return [
            entry_field.form
            for entry_field in self.entries
            if not self.is_ignored(entry_field.form) and not entry_field.form.remove.data
        ]

    def removed_ids(self) -> tuple[int, ...]:
        ids = []
        for entry_field in self.entries:
            entry = entry_field.form
            item_id = _item_id(entry.item_id.data)
            if entry.remove.data and item_id is not None:
                ids.append(item_id)
        return tuple(ids)

    @classmethod
    def item_data(cls, item: drafts.Item) -> dict[str, Any]:
        raise NotImplementedError

    @classmethod
    def data_for(cls, content: drafts.Content, removed: list[drafts.Item]) -> dict[str, Any]:
        assert isinstance(content, drafts.ListContent)
        rows = [{**cls.item_data(item), "remove": False} for item in content.items]
        rows += [{**cls.item_data(item), "remove": True} for item in removed]
        return {cls.section: rows}


def _add_error(field: Any, message: Any) -> None:
    field.errors = [*field.errors, message]


class GoalsForm(ListSectionForm):
    section = "goals"
    item_label = _l("Goal %(number)d")
    new_item_label = _l("Add a goal")
    text_fields = ("goal", "why_it_matters")
    goals = FieldList(FormField(GoalItemForm))

    def check_item(self, entry: Form) -> None:
        if entry.life_area.data not in {area.value for area in LifeArea}:
            _add_error(entry.life_area, _l("Choose which part of life the goal is about"))
        if not (entry.goal.data or "").strip():
            _add_error(entry.goal, _l("Write the goal in their words"))

    def content(self) -> drafts.Content:
        return drafts.ListContent(
            tuple(
                drafts.GoalItem(
                    _item_id(entry.item_id.data),
                    entry.life_area.data,
                    (entry.goal.data or "").strip(),
                    (entry.why_it_matters.data or "").strip(),
                )
                for entry in self.kept_entries()
            ),
            self.removed_ids(),
        )

    @classmethod
    def item_data(cls, item: drafts.Item) -> dict[str, Any]:
        assert isinstance(item, drafts.GoalItem)
        return {
            "item_id": str(item.id) if item.id else NEW_ITEM,
            "life_area": item.life_area,
            "goal": item.goal,
            "why_it_matters": item.why_it_matters,
        }


TEAM_PREFIX = "team:"


def _who(item: drafts.ActionItem) -> str:
    if item.owner == ActionOwner.TEAM.value and item.owner_staff_member_id:
        return f"{TEAM_PREFIX}{item.owner_staff_member_id}"
    return item.owner


class ActionsForm(ListSectionForm):
    section = "actions"
    item_label = _l("Action %(number)d")
    new_item_label = _l("Add an action")
    text_fields = ("description", "owner_name", "due_day", "due_month", "due_year")
    actions = FieldList(FormField(ActionItemForm))

    def __init__(
        self,
        *args: Any,
        team_choices: list[tuple[int, str]] | None = None,
        statuses: dict[int, ActionStatus] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.team_choices = team_choices or []
        self.statuses = statuses or {}
        self.prepare_entries()

    def who_choices(self) -> list[tuple[str, Any]]:
        """The person, their carer, each member of their care team by name,
        or a partner agency."""
        return [
            ("", _l("Choose who")),
            (ActionOwner.ME.value, OWNER_LABELS[ActionOwner.ME]),
            (ActionOwner.CARER.value, OWNER_LABELS[ActionOwner.CARER]),
            *((f"{TEAM_PREFIX}{staff_id}", label) for staff_id, label in self.team_choices),
            (ActionOwner.PARTNER.value, OWNER_LABELS[ActionOwner.PARTNER]),
        ]

    def prepare_entries(self) -> None:
        choices = self.who_choices()
        for entry_field in self.entries:
            entry_field.form.who.choices = choices

    def status_of(self, entry: Form) -> ActionStatus | None:
        item_id = _item_id(entry.item_id.data)
        return self.statuses.get(item_id) if item_id else None

    def check_item(self, entry: Form) -> None:
        if not (entry.description.data or "").strip():
            _add_error(entry.description, _l("Write what will be done"))
        who = entry.who.data or ""
        if who not in {value for value, _label in self.who_choices() if value}:
            _add_error(entry.who, _l("Choose who will do it"))
        elif who == ActionOwner.PARTNER.value and not (entry.owner_name.data or "").strip():
            _add_error(entry.owner_name, _l("Write which service or agency will do it"))
        if entry.life_area.data and entry.life_area.data not in {a.value for a in LifeArea}:
            _add_error(entry.life_area, _l("Choose a part of life from the list"))
        try:
            parse_date(entry.due_day.data, entry.due_month.data, entry.due_year.data)
        except ValueError as problem:
            _add_error(entry.due_day, problem.args[0])

    def content(self) -> drafts.Content:
        items = []
        for entry in self.kept_entries():
            who = entry.who.data or ""
            staff_id = int(who.removeprefix(TEAM_PREFIX)) if who.startswith(TEAM_PREFIX) else None
            owner = ActionOwner.TEAM.value if staff_id is not None else who
            named = owner in (ActionOwner.CARER.value, ActionOwner.PARTNER.value)
            items.append(
                drafts.ActionItem(
                    id=_item_id(entry.item_id.data),
                    description=(entry.description.data or "").strip(),
                    owner=owner,
                    owner_name=(entry.owner_name.data or "").strip() if named else "",
                    owner_staff_member_id=staff_id,
                    life_area=entry.life_area.data or "",
                    due_on=parse_date(
                        entry.due_day.data, entry.due_month.data, entry.due_year.data
                    ),
                )
            )
        return drafts.ListContent(tuple(items), self.removed_ids())

    @classmethod
    def item_data(cls, item: drafts.Item) -> dict[str, Any]:
        assert isinstance(item, drafts.ActionItem)
        return {
            "item_id": str(item.id) if item.id else NEW_ITEM,
            "description": item.description,
            "who": _who(item),
            "owner_name": item.owner_name,
            "life_area": item.life_area,
            **_date_parts(item.due_on),
        }


class InterventionsForm(ListSectionForm):
    section = "interventions"
    item_label = _l("Support %(number)d")
    new_item_label = _l("Add support")
    text_fields = ("name", "description", "provider", "when")
    interventions = FieldList(FormField(InterventionItemForm))

    def check_item(self, entry: Form) -> None:
        if not (entry.name.data or "").strip():
            _add_error(entry.name, _l("Write what the support is"))

    def content(self) -> drafts.Content:
        return drafts.ListContent(
            tuple(
                drafts.InterventionItem(
                    _item_id(entry.item_id.data),
                    (entry.name.data or "").strip(),
                    (entry.description.data or "").strip(),
                    (entry.provider.data or "").strip(),
                    (entry.when.data or "").strip(),
                )
                for entry in self.kept_entries()
            ),
            self.removed_ids(),
        )

    @classmethod
    def item_data(cls, item: drafts.Item) -> dict[str, Any]:
        assert isinstance(item, drafts.InterventionItem)
        return {
            "item_id": str(item.id) if item.id else NEW_ITEM,
            "name": item.name,
            "description": item.description,
            "provider": item.provider,
            "when": item.when,
        }


SECTION_FORMS: dict[str, type[SectionForm]] = {
    form.section: form
    for form in (
        WhatMattersForm,
        GoalsForm,
        ActionsForm,
        InterventionsForm,
        SafetyPlanDraftForm,
        ReviewForm,
    )
}


# --- Publishing ----------------------------------------------------------------------


class PublishForm(PortalForm):
    summary = TextAreaField(
        _l("What changed, in a few words"),
        description=_l(
            "The person will read this first. Write it for them, for example: "
            "we added your goal about swimming and a number to call at night."
        ),
        validators=[
            InputRequired(message=_l("Write a short summary of what changed")),
            _too_long(1000),
        ],
    )
    review_day = StringField(_l("Day"))
    review_month = StringField(_l("Month"))
    review_year = StringField(_l("Year"))
    expected_version = HiddenField()
    drafts_seen = HiddenField()

    def __init__(self, *args: Any, today: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today or date.today()

    def validate_summary(self, field: TextAreaField) -> None:
        if not (field.data or "").strip():
            raise ValidationError(_l("Write a short summary of what changed"))

    def validate_review_day(self, field: StringField) -> None:
        try:
            chosen = parse_date(self.review_day.data, self.review_month.data, self.review_year.data)
        except ValueError as problem:
            raise ValidationError(problem.args[0]) from problem
        if chosen is None:
            raise ValidationError(_l("Enter the date of the next review you agreed together"))
        if chosen < self.today:
            raise ValidationError(_l("The next review must be today or later"))

    def next_review_on(self) -> date:
        chosen = parse_date(self.review_day.data, self.review_month.data, self.review_year.data)
        assert chosen is not None
        return chosen

    def expected(self) -> int:
        return _number(self.expected_version.data)
