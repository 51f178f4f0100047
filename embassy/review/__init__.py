"""Roles and review: editors write and submit, publishers approve, schedule or send back."""
