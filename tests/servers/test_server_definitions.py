"""copier.yml's server definitions and the tests' facts about each server name the same servers."""

from __future__ import annotations

from harness.options import SERVER_DEFINITIONS
from harness.server_behaviour import BEHAVIOUR


def test_every_server_on_offer_has_its_behaviour_described_for_the_tests() -> None:
    assert sorted(BEHAVIOUR) == sorted(SERVER_DEFINITIONS)
