""" "Suggest to a friend": a content page's link, mailed to up to five friends, safely.

forms.py checks what the visitor typed, limits.py counts sends per client and per sender in the
cache, mail.py builds one message per friend and sends them, views.py ties them together.
"""
