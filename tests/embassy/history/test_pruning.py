"""The documented bound on history: deleterevisions keeps the newest N per object."""

import io

import pytest
from django.core.management import call_command
from reversion.models import Version

from embassy.history.models import Correction
from embassy.history.recording import revision

pytestmark = pytest.mark.django_db


def test_keeping_the_last_two_revisions_per_object_keeps_public_corrections(make_article):
    article, other = make_article(), make_article()
    for n in range(4):
        with revision(comment=f"Save {n}"):
            article.title = f"Title {n}"
            article.save()
            other.save()
    first = Version.objects.get_for_object(article).order_by("pk").first()
    Correction.objects.create(content_object=article, revision=first.revision, note="Corrected.")
    call_command("deleterevisions", "sections", keep=2, stdout=io.StringIO())
    kept = Version.objects.get_for_object(article)
    assert [v.field_dict["title"] for v in kept.order_by("pk")] == ["Title 2", "Title 3"]
    assert Version.objects.get_for_object(other).count() == 2
    assert Correction.objects.get().note == "Corrected."
