"""The site's address when none is configured: what 'recordright run' serves on."""

from __future__ import annotations

import pytest

from recordright import config
from recordright.commands import run


@pytest.mark.parametrize(("host", "allowed", "address"), [
    ("127.0.0.1", "", "http://127.0.0.1:8101"),
    ("localhost", "", "http://localhost:8101"),
    ("::1", "", "http://[::1]:8101"),
    ("0.0.0.0", "", "http://127.0.0.1:8101"),  # noqa: S104
    ("0.0.0.0", "*,records.lan", "http://records.lan:8101"),  # noqa: S104
])
def test_run_links_to_its_own_host_and_port(monkeypatch, host, allowed, address):
    monkeypatch.setenv("RECORDRIGHT_ALLOWED_HOSTS", allowed)
    assert run.own_address(host, 8101) == address


def test_a_configured_address_wins_and_commands_beside_the_server_read_the_noted_one(
        monkeypatch, tmp_path):
    monkeypatch.setenv("RECORDRIGHT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("RECORDRIGHT_SITE_URL", "")  # not configured
    assert config.site_url() == config.DEFAULT_SITE_URL
    assert run.use_own_address("127.0.0.1", 8101) == "http://127.0.0.1:8101"
    run.note_address("http://127.0.0.1:8101")
    monkeypatch.setenv("RECORDRIGHT_SITE_URL", "")
    assert config.site_url() == "http://127.0.0.1:8101"  # 'recordright remind' from cron
    monkeypatch.setenv("RECORDRIGHT_SITE_URL", "https://records.example.org/")
    assert run.use_own_address("127.0.0.1", 8101) == "https://records.example.org"
    assert config.site_url() == "https://records.example.org"
