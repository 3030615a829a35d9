"""Row ids typed or sent as text: in URLs, query strings and at the check-in desk."""

# Far more digits than a bigint holds; int() itself refuses more than 4,300.
MAX_DIGITS = 18


def row_id(text: str | None) -> int | None:
    """`text` as a row id, or None if it cannot be one.

    str.isdigit() alone lets "²" through (int() refuses it), and "٣" (int() reads 3).
    """
    if text and text.isascii() and text.isdigit() and len(text) <= MAX_DIGITS:
        return int(text)
    return None
