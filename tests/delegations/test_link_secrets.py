"""The tokens of the secret links an applicant keeps: their status page and the pages it links."""

from delegations.link_secrets import link_token, link_token_pk


def test_a_token_opens_its_row():
    assert link_token_pk(link_token(42, salt="status"), salt="status") == 42


def test_a_token_whose_row_was_changed_opens_nothing():
    _row, signature = link_token(42, salt="status").rsplit(":", 1)
    other_row, _signature = link_token(43, salt="status").rsplit(":", 1)

    assert link_token_pk(f"{other_row}:{signature}", salt="status") is None


def test_a_token_made_for_another_page_opens_nothing():
    assert link_token_pk(link_token(42, salt="visa"), salt="status") is None
