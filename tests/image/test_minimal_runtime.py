"""What the runtime stage installs brings no manuals, translations or docs but its copyright files, and the
image's dpkg database, which scanners read, tells the truth about what the image holds. Checked on every
base image."""

from __future__ import annotations

import pytest

from harness.docker_cli import docker
from tests.support.image_matrix import BuiltImage
from tests.support.package_database import installed_packages

pytestmark = [pytest.mark.docker, pytest.mark.slow]


def test_the_interpreters_packages_bring_only_their_copyright_files(built: BuiltImage) -> None:
    script = (
        'for package in $(dpkg-query --show --showformat="\\${Package}\\n" "*python$0*"); do'
        ' dpkg-query --listfiles "$package" | grep -E "^/usr/share/(doc|man|info|locale)/" |'
        ' while read -r path; do [ -f "$path" ] && [ "${path##*/}" != copyright ] && echo "$path"; done;'
        " done; true"
    )
    found = docker("run", "--rm", "--user", "0", built.image, "sh", "-c", script, built.python_version)

    assert found.stdout == "", f"docs that the runtime stage installed:\n{found.stdout[:2000]}"


def test_package_database_lists_only_packages_whose_files_are_there(built: BuiltImage) -> None:
    packages = installed_packages(built.image)

    assert {name: missing for name, missing in packages.items() if missing} == {}


def test_package_database_lists_the_interpreter_for_scanners(built: BuiltImage) -> None:
    packages = installed_packages(built.image)

    assert {f"python{built.python_version}", f"libpython{built.python_version}-stdlib", "libc6"} <= packages.keys()
