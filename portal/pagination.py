"""The NHS.UK numbered pagination, for any list shown a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from flask_babel import format_number
from flask_babel import gettext as _


def page_number(raw: str | None) -> int:
    """A ``?page=`` value as a page number; anything odd is the first page."""
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 7 else 1


class Paged(Protocol):
    @property
    def page(self) -> int: ...

    @property
    def page_count(self) -> int: ...


def numbered_pagination(
    paged: Paged, url_for_page: Callable[[int], str], *, label: str
) -> dict[str, Any]:
    """Options for the NHS.UK numbered pagination: the first and last pages,
    the current page and its neighbours, and an ellipsis for the gaps.
    ``label`` names what is paged, for screen readers ("Pages of people")."""
    current, last = paged.page, paged.page_count
    shown = sorted({1, last, current - 1, current, current + 1} & set(range(1, last + 1)))
    items: list[dict[str, Any]] = []
    previous_number = 0
    for number in shown:
        if number - previous_number > 1:
            items.append({"ellipsis": True})
        items.append(
            {
                "number": format_number(number),
                "href": url_for_page(number),
                "current": number == current,
                "ariaLabel": _("Page %(number)s", number=format_number(number)),
            }
        )
        previous_number = number
    options: dict[str, Any] = {"items": items, "ariaLabel": label}
    if current > 1:
        options["previous"] = {"href": url_for_page(current - 1), "text": _("Previous")}
    if current < last:
        options["next"] = {"href": url_for_page(current + 1), "text": _("Next")}
    return options
