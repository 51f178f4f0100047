"""The page cache: whole public pages kept in Django's cache for anonymous visitors.

One generation counter in the cache stands for "everything the site shows": any write to a table
of a content app changes it (invalidation.py), and a stored page is only served while its
generation is current and before the next scheduled publication (schedule.py). The middleware
(middleware.py) also answers conditional requests, compresses what carries no secret and tells
browsers and CDNs what they may keep (policy.py). Each process keeps copies of the pages it
serves and knows, by listening to Redis, when they stop being current (watch.py).
"""
