"""Alerts by email: a reader follows new briefings, a topic, an outlet, a spokesperson or a
search, immediately or in a daily digest, in the language of the page they subscribed from.

- models.py: what is kept once confirmed (Subscription), which briefing was announced
  (Announcement) and which mail went to whom (Delivery, unique per subscription and briefing).
- tokens.py: the signed links: confirm (48 hours; the request itself travels in it, so nothing
  is stored before confirmation), unsubscribe, manage.
- forms.py, views.py: subscribe (the "Suggest to a friend" protections), confirm, unsubscribe
  (RFC 8058 one-click POST too), manage.
- matching.py: which subscriptions a briefing concerns, and the exchanges each one is about.
- dispatch.py: the pass the worker runs: announce what came into view, record deliveries, send.
- tasks.py: the pass as a django-tasks task, re-scheduling itself every minute.
"""
