import pytest

from portal.nhs_number import is_valid, normalise, with_check_digit


@pytest.mark.parametrize("number", ["9434765919", "943 476 5919", "943-476-5919", "4010232137"])
def test_valid_numbers_pass_the_modulus_11_check(number: str):
    assert is_valid(number)


@pytest.mark.parametrize(
    "number",
    ["9434765918", "943476591", "94347659190", "", "abcdefghij", "٩٤٣٤٧٦٥٩١٩", "1000000010"],
)
def test_invalid_numbers_fail(number: str):
    assert not is_valid(number)


def test_a_check_digit_of_10_means_no_valid_number():
    # For 100000001 the weighted sum is 10, leaving a check digit of 10:
    # no ten-digit number starting with these nine digits is valid.
    assert with_check_digit("100000001") is None
    assert not any(is_valid(f"100000001{last}") for last in range(10))


def test_normalise_drops_spaces_and_dashes():
    assert normalise(" 943 476-5919 ") == "9434765919"
