"""Open data: a read-only JSON API of published content at /api/v1/, and the bulk export.

endpoints.py is the API (django-ninja: typed schemas and the OpenAPI description for free),
schemas.py what each resource looks like, paging.py a list's pages (ninja's pagination),
translations.py a briefing's other-language versions, http.py what every answer shares (HEAD,
ETags, the per-client rate limit as a ninja throttle, JSON errors, the old addresses' moves;
CORS is django-cors-headers' middleware), urls.py the versioned addresses, export.py the JSON
Lines and CSV files of every published briefing.
"""
