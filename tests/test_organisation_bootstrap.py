"""README's "Bootstrap an organisation": its answers file and script make services that pass their tests and serve.

The script runs as written, with the template's snapshot in place of its published URL.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from harness.answers import recorded_answers
from harness.containers import running
from harness.images import BUILT_IN_FRONTEND, build_image, checkout_tag
from harness.options import BASE_IMAGES, SERVERS
from harness.paths import REPO_ROOT
from tests.support.image_matrix import Variant
from tests.support.image_repository import image_repository
from tests.support.markdown import code_blocks, shell_blocks
from tests.support.rendering import assert_answers_recorded, run_in

SECTION = "Bootstrap an organisation"
PUBLISHED_SOURCE = "gh:org/uv-docker-template"
SERVICES = {"ledger-api": "Ledger API", "refunds": "Refunds", "payouts-worker": "Payouts Worker"}


def readme_section() -> tuple[str, str]:
    """The organisation's answers file and the script, as README.md shows them."""
    readme = (REPO_ROOT / "README.md").read_text()
    return code_blocks(readme, SECTION, "yaml")[0], shell_blocks(readme, SECTION)[0]


@pytest.mark.slow
@pytest.mark.docker
def test_services_from_one_answers_file_pass_their_tests_and_one_serves(
    tmp_path: Path, template_snapshot: Path, build_variant
) -> None:
    answers_file, script = readme_section()
    # The `# syntax=` frontend image cannot be pulled here: the daemon's built-in frontend builds it.
    org_answers = {**yaml.safe_load(answers_file), **BUILT_IN_FRONTEND}
    (tmp_path / "org-answers.yml").write_text(yaml.safe_dump(org_answers))
    (tmp_path / "services.txt").write_text("".join(f"{d} {name}\n" for d, name in SERVICES.items()))
    assert PUBLISHED_SOURCE in script
    (tmp_path / "new-services.sh").write_text(script.replace(PUBLISHED_SOURCE, str(template_snapshot)))

    created = subprocess.run(["sh", "new-services.sh"], cwd=tmp_path, text=True, capture_output=True)

    assert created.returncode == 0, created.stderr
    for directory, project_name in SERVICES.items():
        project = tmp_path / directory
        assert_answers_recorded(project, {**org_answers, "project_name": project_name})
        answers = recorded_answers(project)
        assert answers["dist_name"] == directory
        assert image_repository(project) == f"{org_answers['image_namespace']}/{directory}"
        assert "passed" in run_in(project, "uv", "run", "pytest", "-q").stdout
    # The session's image of the same base image and server (built now if no test did yet) has
    # left the base and Python layers in the cache: this build takes them from there.
    build_variant(Variant(BASE_IMAGES[org_answers["base_image"]], SERVERS[org_answers["server"]]))
    build = build_image(tmp_path / "ledger-api", checkout_tag("org-ledger-api"))
    assert build.step_cached("[build-base ", "apt-get update")
    assert build.step_cached("[runtime ", "apt-get update")
    with running(build.tag) as container:
        container.ms_to_first_200("/healthz")
        status, body = container.get("/healthz")
    assert status == 200
    assert b'"ok"' in body
