"""Danish phone numbers as the data files write them."""

from __future__ import annotations

import re


def normalise_phone(number: str) -> str | None:
    """Danish numbers only: 8 digits, +45 and 8 digits, a short 1xx/1xxx service number, or a
    European 116 xxx helpline number (BørneTelefonen 116 111)."""
    digits = re.sub(r"[\s-]", "", number)
    if re.fullmatch(r"\d{8}", digits):
        return " ".join(digits[i : i + 2] for i in range(0, 8, 2))
    if re.fullmatch(r"\+45\d{8}", digits):
        rest = digits[3:]
        return "+45 " + " ".join(rest[i : i + 2] for i in range(0, 8, 2))
    if re.fullmatch(r"116\d{3}", digits):
        return digits[:3] + " " + digits[3:]
    if re.fullmatch(r"1\d{2,3}", digits):
        return digits
    return None
