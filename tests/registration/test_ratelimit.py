from registration.ratelimit import ratelimit_hit


def test_ratelimit_hit_allows_up_to_the_limit():
    hits = [ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60) for _n in range(4)]

    assert hits == [True, True, True, False]


def test_ratelimit_hit_counts_keys_and_scopes_apart():
    for _n in range(3):
        ratelimit_hit(scope="test", key="a", limit=3, window_seconds=60)

    assert ratelimit_hit(scope="test", key="b", limit=3, window_seconds=60)
    assert ratelimit_hit(scope="other", key="a", limit=3, window_seconds=60)
