"""The demo site: the seed page's menu, a placeholder article per empty section, its briefing."""
