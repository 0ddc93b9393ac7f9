"""Control characters in a request never break a page for anyone: NUL or ESC in a feed's
query gave /feed.atom a 500 (lxml refuses them in XML). Every answer stays well-formed."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from eurasec_archive.app import create_app

CONTROL = ["%00", "%1b%5b31m", "%01%02%07", "Lavrov%00"]


@pytest.fixture
def client(seeded):
    return create_app({"ARCHIVE_DIR": str(seeded.root)}).test_client()


@pytest.mark.parametrize("value", CONTROL)
def test_control_characters_in_a_feed_query_give_a_well_formed_feed(client, value):
    for url in (f"/feed.atom?q={value}", f"/feed.atom?speaker={value}"):
        response = client.get(url)
        assert response.status_code == 200, url
        feed = etree.fromstring(response.data)
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"


@pytest.mark.parametrize("value", CONTROL)
def test_control_characters_in_a_search_give_an_answer_not_a_500(client, value):
    page = client.get(f"/?q={value}")
    assert page.status_code in (200, 400)
    assert BeautifulSoup(page.data, "html.parser").find("main") is not None
    api = client.get(f"/api/search?q={value}")
    assert api.status_code in (200, 400)
    assert isinstance(json.loads(api.data), dict)
