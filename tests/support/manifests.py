"""A rendered project's Kubernetes manifests, as the cluster would get them, and what they ask of a container."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path
from typing import Any

import yaml

KUSTOMIZE_BASE = Path("k8s/base")


def kustomize(project: Path) -> str:
    """`kubectl kustomize` of the project's base: the YAML that `kubectl apply -k` would send."""
    result = subprocess.run(
        ["kubectl", "kustomize", str(project / KUSTOMIZE_BASE)], text=True, capture_output=True, check=False
    )
    assert result.returncode == 0, f"kubectl kustomize failed:\n{result.stderr}"
    return result.stdout


def objects_by_kind(rendered: str) -> dict[str, dict[str, Any]]:
    objects = [o for o in yaml.safe_load_all(rendered) if o]
    by_kind = {o["kind"]: o for o in objects}
    assert len(by_kind) == len(objects), "one object of each kind"
    return by_kind


def the_container(deployment: dict[str, Any]) -> dict[str, Any]:
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    return container


def cpu_cores(quantity: str) -> float:
    """A Kubernetes CPU quantity ("1", "500m") in cores."""
    return int(quantity[:-1]) / 1000 if quantity.endswith("m") else float(quantity)


def docker_run_options(deployment: dict[str, Any]) -> list[str]:
    """`docker run` options that hold a container to what the Deployment's pod spec asks."""
    pod = deployment["spec"]["template"]["spec"]
    container = the_container(deployment)
    pod_security, security = pod["securityContext"], container["securityContext"]
    user = security.get("runAsUser", pod_security["runAsUser"])
    group = security.get("runAsGroup", pod_security["runAsGroup"])
    options = ["--user", f"{user}:{group}"]
    if security["readOnlyRootFilesystem"]:
        options.append("--read-only")
    empty_dirs = {volume["name"] for volume in pod["volumes"] if "emptyDir" in volume}
    for mount in container["volumeMounts"]:
        if mount["name"] in empty_dirs:
            options += ["--tmpfs", mount["mountPath"]]
    for capability in security["capabilities"]["drop"]:
        options += ["--cap-drop", capability]
    if security["allowPrivilegeEscalation"] is False:
        options += ["--security-opt", "no-new-privileges"]
    # RuntimeDefault is the engine's own default seccomp profile, which docker run applies unasked.
    assert pod_security["seccompProfile"]["type"] == "RuntimeDefault"
    for variable in container.get("env", []):
        options += ["-e", f"{variable['name']}={variable['value']}"]
    resources = container["resources"]
    options += ["--memory", resources["limits"]["memory"].replace("Mi", "m").replace("Gi", "g")]
    # The CPU request as a cap: what the pod can count on when its node is busy.
    options += ["--cpus", str(cpu_cores(resources["requests"]["cpu"]))]
    return options


def grace_after_sigterm(deployment: dict[str, Any]) -> int:
    """Seconds from SIGTERM to the kubelet's SIGKILL: the grace period less the preStop pause."""
    pod = deployment["spec"]["template"]["spec"]
    command = the_container(deployment)["lifecycle"]["preStop"]["exec"]["command"]
    assert command[0] == "sleep", f"preStop is {command}, not a pause"
    return pod["terminationGracePeriodSeconds"] - math.ceil(float(command[1]))
