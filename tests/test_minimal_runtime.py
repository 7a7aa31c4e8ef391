"""The runtime image holds what a Python service runs and no more: no package manager, no shell but the
entrypoint's, no login or mount tools, no manuals; and its dpkg database, which scanners read, tells the truth
about what is left. Checked on every base image."""

from __future__ import annotations

import pytest

from harness.docker_cli import docker
from tests.support.image_matrix import BuiltImage
from tests.support.package_database import installed_packages

pytestmark = [pytest.mark.docker, pytest.mark.slow]

# Programs that only a person at a shell, or the package manager, would run.
UNUSED_PROGRAMS = ["apt-get", "apt", "dpkg", "perl", "bash", "su", "passwd", "login", "mount", "ps"]


def test_no_package_manager_or_unused_program_is_left(built: BuiltImage) -> None:
    script = 'for program in "$@"; do command -v "$program"; done; true'
    found = docker("run", "--rm", "--user", "0", built.image, "sh", "-c", script, "sh", *UNUSED_PROGRAMS)

    assert found.stdout == "", f"left in the runtime image:\n{found.stdout}"


def test_docs_are_only_copyright_files_and_no_manual_or_translation_is_left(built: BuiltImage) -> None:
    script = (
        "find /usr/share/doc ! -type d ! -name copyright; "
        "find /usr/share/man /usr/share/info /usr/share/locale ! -type d 2>/dev/null; true"
    )
    found = docker("run", "--rm", "--user", "0", built.image, "sh", "-c", script)

    assert found.stdout == "", f"left in the runtime image:\n{found.stdout[:2000]}"


def test_package_database_lists_only_packages_whose_files_are_there(built: BuiltImage) -> None:
    packages = installed_packages(built.image)

    assert {name: missing for name, missing in packages.items() if missing} == {}
    assert not {"apt", "dpkg", "perl-base", "bash"} & packages.keys()


def test_package_database_still_lists_the_interpreter_for_scanners(built: BuiltImage) -> None:
    packages = installed_packages(built.image)

    assert {f"python{built.python_version}", f"libpython{built.python_version}-stdlib", "libc6"} <= packages.keys()
