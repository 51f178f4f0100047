"""Open data: a read-only JSON API of published content at /api/v1/, and the bulk export.

endpoints.py is the API (django-ninja: typed schemas and the OpenAPI description for free),
schemas.py what each resource looks like, http.py what every answer shares (CORS for reading
from any origin, HEAD, ETags, the per-client rate limit), export.py the JSON Lines and CSV files
of every published briefing.
"""
