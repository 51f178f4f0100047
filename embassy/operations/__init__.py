"""Running the site: health checks, the database-outage page, request ids and JSON logs,
backups. Site-wide, it imports neither content app."""
