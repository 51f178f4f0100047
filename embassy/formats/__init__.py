"""The site's date formats, one per language (FORMAT_MODULE_PATH): the same on every page, in
feeds, in search and in the admin. A time always carries the name of the site's time zone."""
