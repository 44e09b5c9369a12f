"""NHS number checks: ten digits whose last is a Modulus 11 check digit."""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s-]")


def normalise(raw: str) -> str:
    """Drop the spaces and dashes people type ("943 476 5919")."""
    return _SEPARATORS.sub("", raw)


def is_valid(raw: str) -> bool:
    number = normalise(raw)
    if len(number) != 10 or not number.isascii() or not number.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    # A remainder giving 10 means no valid number can be made from these digits.
    return check != 10 and check == int(number[9])


def with_check_digit(first_nine: str) -> str | None:
    """The full number for nine digits, or None when no check digit fits."""
    for last in "0123456789":
        if is_valid(first_nine + last):
            return first_nine + last
    return None
