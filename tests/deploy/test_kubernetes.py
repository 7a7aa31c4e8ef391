"""The Kubernetes manifests render, validate, pass the policy scan, and hold the image to its word."""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import takewhile
from pathlib import Path

import pytest
import yaml

from harness.containers import CONTAINER_PORT, running
from harness.options import SERVER_CHOICES, Server
from harness.servers import fully_started
from tests.support.image_matrix import BuiltImage
from tests.support.image_repository import image_repository
from tests.support.manifests import (
    KUSTOMIZE_BASE,
    cpu_cores,
    docker_run_options,
    grace_after_sigterm,
    kustomize,
    objects_by_kind,
    the_container,
)

# The oldest Kubernetes release still supported upstream when this was written.
KUBERNETES_VERSION = "1.32.0"
KINDS = {"Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy"}
# The dev tools that validate the manifests, from this environment.
TOOLS = Path(sys.executable).parent
# Where checkov finds its settings when run on the kustomize base.
CHECKOV_CONFIG = ".checkov.yaml"


@pytest.fixture(scope="module")
def project(render_session) -> Path:
    return render_session()


@pytest.fixture(scope="module")
def rendered(project: Path, kubectl, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("manifests") / "rendered.yaml"
    path.write_text(kustomize(project))
    return path


def test_kustomize_renders_one_of_each_kind_with_the_answered_image(project: Path, rendered: Path) -> None:
    objects = objects_by_kind(rendered.read_text())
    kustomization = yaml.safe_load((project / KUSTOMIZE_BASE / "kustomization.yaml").read_text())

    assert set(objects) == KINDS
    (image,) = kustomization["images"]
    assert the_container(objects["Deployment"])["image"] == f"{image_repository(project)}:{image['newTag']}"
    service_port = objects["Service"]["spec"]["ports"][0]["targetPort"]
    assert {p["name"]: p["containerPort"] for p in the_container(objects["Deployment"])["ports"]}[
        service_port
    ] == CONTAINER_PORT


def test_manifests_are_valid_against_the_kubernetes_schemas(rendered: Path) -> None:
    result = subprocess.run(
        [TOOLS / "kubernetes-validate", "--strict", "--kubernetes-version", KUBERNETES_VERSION, str(rendered)],
        text=True,
        capture_output=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" passed for resource ") == len(KINDS), result.stdout


def test_policy_scan_of_the_base_finds_nothing_but_what_its_config_skips(project: Path, kubectl) -> None:
    # As the config file tells a service author to run it: checkov builds the base with kustomize.
    checkov = [TOOLS / "checkov", "--skip-download", "--framework", "kustomize", "--output", "json"]
    result = subprocess.run([*checkov, "-d", str(project / KUSTOMIZE_BASE)], text=True, capture_output=True)
    report = json.loads(result.stdout)
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]

    assert failed == []
    assert result.returncode == 0
    assert report["summary"]["passed"] > 50, "the scan must have run its Kubernetes checks"


def test_each_policy_check_skipped_has_its_reason_above_it(project: Path) -> None:
    config = project / KUSTOMIZE_BASE / CHECKOV_CONFIG
    lines = config.read_text().splitlines()
    skipped = yaml.safe_load(config.read_text())["skip-check"]

    assert skipped, "no check is skipped: then the config file has no reason to exist"
    for check_id in skipped:
        above = lines[: lines.index(f"  - {check_id}")]
        comment = list(takewhile(lambda line: line.lstrip().startswith("#"), reversed(above)))
        assert len(" ".join(comment).split()) >= 8, f"{check_id} is skipped without a reason"


@pytest.mark.parametrize(("framework", "server"), SERVER_CHOICES.values(), ids=SERVER_CHOICES)
def test_deployment_runs_the_servers_workers_on_the_one_cpu_it_requests(
    render_session, kubectl, framework, server: Server
) -> None:
    answers = {"framework": framework.name, "server": server.name}
    container = the_container(objects_by_kind(kustomize(render_session(**answers)))["Deployment"])
    web_concurrency = {v["name"]: v["value"] for v in container["env"]}["WEB_CONCURRENCY"]

    assert int(web_concurrency) == server.workers
    assert cpu_cores(container["resources"]["requests"]["cpu"]) == 1


def test_without_kubernetes_there_are_no_manifests(render) -> None:
    project = render(kubernetes=False)

    assert not (project / "k8s").exists()
    assert (project / "compose.yaml").is_file()


@pytest.mark.docker
@pytest.mark.slow
def test_image_serves_and_drains_under_the_manifests_own_settings(server_image: BuiltImage, kubectl) -> None:
    deployment = objects_by_kind(kustomize(server_image.project))["Deployment"]
    pod = deployment["spec"]["template"]["spec"]
    container_spec = the_container(deployment)
    probes = [container_spec[probe]["httpGet"] for probe in ("readinessProbe", "livenessProbe")]
    workers = int({v["name"]: v["value"] for v in container_spec["env"]}["WEB_CONCURRENCY"])
    after_sigterm = grace_after_sigterm(deployment)
    drain = server_image.server.drain_seconds(server_image.project)

    assert after_sigterm > drain, f"{after_sigterm} s after SIGTERM do not cover the server's {drain} s drain"
    with running(server_image.image, *docker_run_options(deployment)) as container:
        fully_started(container, server_image.server, workers)
        ids = container.exec("sh", "-c", "echo $(id -u):$(id -g)").strip()
        probe_answers = {probe["path"]: container.get(probe["path"])[0] for probe in probes}
        # The kubelet runs preStop first; it must work in the image, as the user.
        pre_stop = container_spec["lifecycle"]["preStop"]["exec"]["command"]
        container.exec(*pre_stop)
        pool, request = container.in_flight("/slow")
        seconds, exit_code = container.stop(timeout=after_sigterm)
        status, body = request.result()
        pool.shutdown()

    assert ids == f"{pod['securityContext']['runAsUser']}:{pod['securityContext']['runAsGroup']}"
    assert probe_answers == {"/healthz": 200}
    assert (status, body) == (200, b"finished"), "the request in flight must finish"
    assert exit_code == 0
    assert seconds < after_sigterm, f"the stop took {seconds:.1f} s, which the kubelet would cut short with SIGKILL"
