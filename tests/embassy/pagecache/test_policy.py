from embassy.pagecache import policy


def test_public_pages_say_what_browsers_and_cdns_may_keep():
    assert policy.public(0, 60, 30) == (
        "public, max-age=0, s-maxage=60, stale-while-revalidate=30, stale-if-error=86400"
    )


def test_nothing_is_fresh_past_the_next_scheduled_change():
    assert policy.public(300, 60, 30, seconds_left=10) == (
        "public, max-age=10, s-maxage=10, stale-while-revalidate=10, stale-if-error=86400"
    )
    assert "s-maxage=0" in policy.public(0, 60, 30, seconds_left=-3)


def test_private_and_no_store_forbid_sharing():
    assert policy.forbids_sharing("max-age=0, no-cache, no-store, must-revalidate, private")
    assert policy.forbids_sharing("Private")
    assert not policy.forbids_sharing("public, max-age=60")
    assert not policy.forbids_sharing(None)


def test_only_the_known_vary_headers_are_shared():
    assert policy.vary_is_shareable("Cookie, Accept-Language")
    assert policy.vary_is_shareable(None)
    assert not policy.vary_is_shareable("Cookie, User-Agent")
