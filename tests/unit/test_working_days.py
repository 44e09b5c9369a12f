"""Overdue review requests count working days, Monday to Friday."""

from __future__ import annotations

from datetime import date

from portal.services.review_requests import working_days_between

MONDAY = date(2026, 11, 30)
FRIDAY = date(2026, 12, 4)


def test_the_same_day_is_no_working_days():
    assert working_days_between(MONDAY, MONDAY) == 0


def test_weekdays_count_one_each():
    assert working_days_between(MONDAY, date(2026, 12, 2)) == 2


def test_a_weekend_does_not_count():
    assert working_days_between(FRIDAY, date(2026, 12, 6)) == 0  # Friday to Sunday
    assert working_days_between(FRIDAY, date(2026, 12, 7)) == 1  # to Monday


def test_a_request_sent_at_the_weekend_counts_from_monday():
    assert working_days_between(date(2026, 12, 5), date(2026, 12, 8)) == 2  # Sat to Tue
