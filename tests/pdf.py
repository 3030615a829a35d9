"""Reading the PDFs we produce, as a person's PDF viewer would."""

import io

import pypdfium2
from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def pdf_word_left(pdf: bytes, word: str, page: int = 0) -> float:
    """How far from the page's left edge `word` is drawn, in points: shows which way a line of
    mixed scripts runs (right to left, the first word of an Arabic name is the right-most)."""
    text_page = pypdfium2.PdfDocument(pdf)[page].get_textpage()
    searcher = text_page.search(word)
    found = searcher.get_next()
    assert found, f"{word!r} is not on the page"
    start, count = found
    return min(text_page.get_charbox(index)[0] for index in range(start, start + count))
