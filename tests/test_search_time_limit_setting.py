"""The search time limit is a setting: ``EURASEC_SEARCH_TIME_LIMIT`` in the environment (the
CLI and ``serve``), ``SEARCH_TIME_LIMIT`` in the app's config (which wins over the
environment); a value that is not a number of seconds is a one-line error naming it."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eurasec_archive.app import create_app
from eurasec_archive.cli import main as cli
from eurasec_archive.errors import ArchiveError

SLOW = '"eurasian security"~5 OR Lavrov OR charter'


def test_the_environment_sets_the_time_limit_of_the_web_app(seeded_dir, monkeypatch):
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", "0")
    client = create_app({"ARCHIVE_DIR": str(seeded_dir)}).test_client()
    data = client.get("/api/search", query_string={"q": SLOW}).get_json()
    assert data["timed_out"] is True
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", "30")
    client = create_app({"ARCHIVE_DIR": str(seeded_dir)}).test_client()
    data = client.get("/api/search", query_string={"q": SLOW}).get_json()
    assert data["timed_out"] is False and data["total"] > 0


def test_the_app_config_wins_over_the_environment(seeded_dir, monkeypatch):
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", "30")
    client = create_app({"ARCHIVE_DIR": str(seeded_dir), "SEARCH_TIME_LIMIT": 0}).test_client()
    assert client.get("/api/search", query_string={"q": SLOW}).get_json()["timed_out"] is True


@pytest.mark.parametrize("value", ["two", "-1", "nan", "inf"])
def test_a_time_limit_that_is_not_seconds_is_a_one_line_error(seeded_dir, monkeypatch, value):
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", value)
    with pytest.raises(ArchiveError) as e:
        create_app({"ARCHIVE_DIR": str(seeded_dir)})
    assert "EURASEC_SEARCH_TIME_LIMIT" in e.value.message and value in e.value.message
    result = CliRunner().invoke(cli, ["--archive-dir", str(seeded_dir), "search", "Lavrov"])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "EURASEC_SEARCH_TIME_LIMIT" in lines[0] and "Traceback" not in result.output


def test_the_cli_search_takes_the_time_limit_from_the_environment(seeded_dir, monkeypatch):
    args = ["--archive-dir", str(seeded_dir), "search", "--json", SLOW]
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", "0")
    fast = CliRunner().invoke(cli, args)
    assert fast.exit_code == 0 and json.loads(fast.output)["timed_out"] is True
    monkeypatch.setenv("EURASEC_SEARCH_TIME_LIMIT", "30")
    normal = CliRunner().invoke(cli, args)
    assert normal.exit_code == 0 and json.loads(normal.output)["timed_out"] is False
