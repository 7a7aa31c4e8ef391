"""The publish path, run for real against a registry on loopback: both platforms land in one index, with
their labels, provenance and SBOM, which the README's commands show; the README's key-pair commands sign
that index and verify the signature.

Keyless signing needs GitHub's identity and Sigstore's public services, so
here a key pair proves the commands; the keyless command is checked for the
identity it demands.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from harness.answers import recorded_answers
from harness.images import BUILT_IN_FRONTEND
from harness.local_registry import local_registry
from harness.options import DEFAULT_SERVER
from harness.platforms import EMULATED, EMULATED_BASE_IMAGE, HOST
from harness.provisioning import ensure_image
from harness.sbom_generator import build_sbom_generator
from harness.template_repo import commit_all, git
from tests.support.emulated_builds import provide_images
from tests.support.image_matrix import Variant
from tests.support.markdown import shell_blocks
from tests.support.published_image import (
    VERIFY_SECTION,
    Builder,
    Published,
    join_platforms,
    push_by_digest,
    readme_inspect_command,
    readme_key_pair_commands,
    run_readme_command,
    skopeo_inspect,
)
from tests.support.workflows import run_step, run_steps

pytestmark = [pytest.mark.docker, pytest.mark.slow]

PASSWORD = "test-only-password"
# As the metadata action tags a release v1.2.3.
TAGS = ["1.2.3", "1.2"]
# Where CI's checkout comes from; the provenance must name it.
SOURCE_REPOSITORY = "https://github.com/example-org/example-service"
BUILDKIT_METADATA = "https://mobyproject.org/buildkit@v1#metadata"
# The annotation by which an attestation manifest in an index names the image it is about.
ATTESTS = "vnd.docker.reference.digest"


@pytest.fixture(scope="module")
def project(render_session, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project on the base image that both platforms build from, as CI checks it out: a clone of its repository."""
    rendered = render_session(**Variant(EMULATED_BASE_IMAGE, DEFAULT_SERVER).answers(), **BUILT_IN_FRONTEND)
    checkout = tmp_path_factory.mktemp("checkout") / rendered.name
    shutil.copytree(rendered, checkout)
    commit_all(checkout, "The service")
    git(checkout, "remote", "add", "origin", SOURCE_REPOSITORY)
    return checkout


@pytest.fixture(scope="module")
def published(
    publish_tools, second_engine: dict[str, str], project: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Published]:
    labels = workflow_labels(project, tmp_path_factory.mktemp("workflow"))
    with local_registry(tmp_path_factory.mktemp("registry")) as registry:
        # The SBOM generator runs on the host's platform, on the base image that the project builds from.
        ensure_image(EMULATED_BASE_IMAGE.name)
        provide_images([EMULATED_BASE_IMAGE.name], second_engine)
        builder = Builder(second_engine, build_sbom_generator(EMULATED_BASE_IMAGE.name, second_engine))
        repository = f"{registry}/{recorded_answers(project)['dist_name']}"
        builds = tmp_path_factory.mktemp("builds")
        platform_refs = [
            push_by_digest(project, repository, platform, labels, builder, builds) for platform in (HOST, EMULATED)
        ]
        index = join_platforms(project, repository, TAGS, platform_refs, tmp_path_factory.mktemp("sign-job"))
        yield Published(repository, index, labels)


def workflow_labels(project: Path, tmp_path: Path) -> dict[str, str]:
    """The labels of the template's own that the publish job adds, from its `project` step."""
    step = next(step for step in run_steps(project, "publish") if step.get("id") == "project")
    outputs = run_step(project, step, tmp_path).outputs
    return {
        "org.opencontainers.image.licenses": outputs["license"],
        "uv-docker-template.release": outputs["template-release"],
    }


def test_one_index_holds_both_platforms_each_with_its_attestations(published: Published) -> None:
    index = skopeo_inspect(published.reference, "--raw")

    images = {m["digest"]: m for m in index["manifests"] if ATTESTS not in m.get("annotations", {})}
    platforms = {f"{m['platform']['os']}/{m['platform']['architecture']}" for m in images.values()}
    attested = [m["annotations"][ATTESTS] for m in index["manifests"] if ATTESTS in m.get("annotations", {})]
    assert platforms == {HOST.name, EMULATED.name}
    assert sorted(attested) == sorted(images)


@pytest.mark.parametrize("platform", [HOST, EMULATED], ids=lambda platform: platform.arch)
def test_each_platform_carries_the_labels(published: Published, platform) -> None:
    image = skopeo_inspect(published.reference, "--override-os", "linux", "--override-arch", platform.arch)

    assert image["Architecture"] == platform.arch
    assert published.labels.items() <= image["Labels"].items()


def readme_inspect(published: Published, project: Path, tmp_path: Path, field: str) -> dict:
    """What the README's command shows of the published index's `field`, per platform."""
    command = readme_inspect_command(project, field)
    result = run_readme_command(command, tmp_path, published.reference, PASSWORD)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return json.loads(result.stdout)


@pytest.mark.parametrize("platform", [HOST, EMULATED], ids=lambda platform: platform.arch)
def test_readme_provenance_command_names_the_source_commit(
    published: Published, project: Path, tmp_path: Path, platform
) -> None:
    provenance = readme_inspect(published, project, tmp_path, "Provenance")[platform.name]["SLSA"]

    vcs = provenance["metadata"][BUILDKIT_METADATA]["vcs"]
    assert {"source": SOURCE_REPOSITORY, "revision": git(project, "rev-parse", "HEAD").strip()}.items() <= vcs.items()


@pytest.mark.parametrize("platform", [HOST, EMULATED], ids=lambda platform: platform.arch)
def test_readme_sbom_command_lists_the_interpreter_the_server_and_the_service(
    published: Published, project: Path, tmp_path: Path, platform
) -> None:
    sbom = readme_inspect(published, project, tmp_path, "SBOM")[platform.name]["SPDX"]

    answers = recorded_answers(project)
    names = {package["name"] for package in sbom["packages"]}
    expected = {f"python{answers['python_version']}", DEFAULT_SERVER.distribution, answers["dist_name"]}
    assert expected <= names, sorted(names)


def test_readme_key_pair_commands_sign_and_verify_the_index(published: Published, project, tmp_path: Path) -> None:
    outputs = []
    for command in readme_key_pair_commands(project):
        result = run_readme_command(command, tmp_path, published.reference, PASSWORD)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout + result.stderr)

    assert "signatures were verified against the specified public key" in outputs[-1]
    assert published.reference.split("@")[1] in outputs[-1]


def test_readme_verify_command_refuses_another_key(published: Published, project, tmp_path: Path) -> None:
    generate, sign, verify = readme_key_pair_commands(project)
    signer, stranger = tmp_path / "signer", tmp_path / "stranger"
    for keys in (signer, stranger):
        keys.mkdir()
        assert run_readme_command(generate, keys, published.reference, PASSWORD).returncode == 0
    assert run_readme_command(sign, signer, published.reference, PASSWORD).returncode == 0

    result = run_readme_command(verify, stranger, published.reference, PASSWORD)

    assert result.returncode != 0


def test_readme_keyless_verify_demands_this_projects_workflow_on_a_publishing_ref(render_session) -> None:
    project = render_session()
    (keyless, *_) = shell_blocks((project / "README.md").read_text(), VERIFY_SECTION, level=3)
    identity = re.search(r"--certificate-identity-regexp '([^']+)'", keyless)
    issuer = re.search(r"--certificate-oidc-issuer (\S+)", keyless)
    assert identity, keyless
    assert issuer, keyless
    owner_and_name = re.search(r"github\\\.com/([^/]+)/([^/]+)/", identity.group(1))
    assert owner_and_name, identity.group(1)
    workflow = f"https://github.com/{owner_and_name.group(1)}/{owner_and_name.group(2)}/.github/workflows/ci.yml"

    assert issuer.group(1) == "https://token.actions.githubusercontent.com"
    assert re.match(identity.group(1), f"{workflow}@refs/heads/main")
    assert re.match(identity.group(1), f"{workflow}@refs/tags/v1.2.3")
    assert not re.match(identity.group(1), f"{workflow}@refs/heads/feature")
    assert not re.match(identity.group(1), workflow.replace("ci.yml", "other.yml") + "@refs/heads/main")
    assert (project / ".github/workflows/ci.yml").is_file()


def test_every_release_tag_names_the_signed_index(published: Published) -> None:
    digests = {skopeo_inspect(f"{published.repository}:{tag}")["Digest"] for tag in TAGS}

    assert digests == {published.reference.split("@")[1]}
