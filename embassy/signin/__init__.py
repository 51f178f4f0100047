"""Staff sign-in: the throttle on wrong passwords, the second factor, sessions.

Site-wide like django/contrib/auth: it imports neither content app.
"""
