"""'Suggest to a friend': placeholder until the form and its mail are built (issue 4)."""

from django.shortcuts import render

from embassy.pages import page_object


def suggest_view(request, page_view, **kwargs):
    page = page_object(page_view, request, **kwargs)
    return render(request, "suggest/placeholder.html", {"page": page})
