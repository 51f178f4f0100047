"""The API's documentation page in headless Chromium: Swagger UI from our own static files."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_docs_page_lists_every_endpoint_without_any_other_host(page, live_server, client):
    paths = set(client.get("/api/v1/openapi.json").json()["paths"])
    elsewhere = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else elsewhere.append(request.url)
        ),
    )
    page.goto(live_server.url + "/api/v1/docs")
    page.locator(".opblock-summary-path").first.wait_for()
    shown = {
        element.get_attribute("data-path")
        for element in page.locator(".opblock-summary-path").all()
    }
    assert shown == paths
    assert elsewhere == []
