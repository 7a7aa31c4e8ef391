"""Build the same app with each Dockerfile and each server, measure, and write the tables, the JSON and the chart.

Full run (about 14 minutes on 2 cores; empties the machine's build cache; the load phase needs wrk):

    uv run python -m bench

A quick check that it works, keeping the build cache:

    uv run python -m bench --runs 1 --container-runs 1 --only template --keep-build-cache --load-rounds 1
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from harness.docker_cli import docker, docker_available
from harness.layers import app_source_bytes
from harness.platforms import EMULATED_BASE_IMAGE

from . import chart, provenance, report
from .dockerfiles import NAMES
from .figures import figures_for
from .load import Load, require_wrk
from .platforms import PLATFORMS, figures_for_platforms
from .project import ADDED_VERSIONS, render_default_project
from .servers import SERVER_NAMES, figures_for_servers

RESULTS_DIR = Path(__file__).parent / "results"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="builds per scenario (median taken; default 3)")
    parser.add_argument("--container-runs", type=int, default=5, help="containers started and stopped (default 5)")
    parser.add_argument("--only", nargs="+", choices=NAMES, default=list(NAMES), help="Dockerfiles to measure")
    parser.add_argument(
        "--keep-build-cache",
        action="store_true",
        help="cold builds use --no-cache instead of emptying the machine's build cache (warm cache mounts)",
    )
    parser.add_argument(
        "--servers",
        nargs="*",
        choices=SERVER_NAMES,
        default=list(SERVER_NAMES),
        help="server choices to build cold and load (default all; none with a bare --servers)",
    )
    parser.add_argument(
        "--platforms",
        nargs="*",
        choices=list(PLATFORMS),
        default=list(PLATFORMS),
        help="platforms to build the template's image for, cold (default all; none with a bare --platforms)",
    )
    parser.add_argument(
        "--load-rounds",
        type=int,
        default=Load.rounds,
        help=f"rounds of load per server and setting, each on a fresh container (median taken; default {Load.rounds})",
    )
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where DATE.json and DATE.png go")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= len(ADDED_VERSIONS):
        parser.error(f"--runs must be 1 to {len(ADDED_VERSIONS)}: each dependency run adds another version")
    if args.container_runs < 1:
        parser.error("--container-runs must be at least 1")
    if args.load_rounds < 1:
        parser.error("--load-rounds must be at least 1")
    # In SERVER_NAMES order, whatever the order given, as the Dockerfiles are in theirs.
    args.servers = [name for name in SERVER_NAMES if name in args.servers]
    return args


def run(args: argparse.Namespace) -> dict[str, Any]:
    results: dict[str, Any] = {
        "date": datetime.date.today().isoformat(),
        "machine": provenance.machine(),
        "commit": provenance.commit(),
        "runs": {
            "builds": args.runs,
            "containers": args.container_runs,
            "cold_builds": "--no-cache" if args.keep_build_cache else "build cache pruned",
        },
        "warnings": [],
    }
    tags: list[str] = []
    with tempfile.TemporaryDirectory(prefix="uv-docker-template-bench-") as workdir:
        project = render_default_project(Path(workdir))
        results["app_own_files_bytes"] = app_source_bytes(project)
        try:
            # In NAMES order, whatever the order given: the table's columns stay put from run to run.
            results["dockerfiles"] = {
                name: figures_for(name, project, args, tags, results["warnings"]) for name in NAMES if name in args.only
            }
            if args.platforms:
                results["platform_base_image"] = EMULATED_BASE_IMAGE.name
                results["platforms"] = figures_for_platforms(Path(workdir), args, tags)
            if args.servers:
                load = Load(rounds=args.load_rounds)
                results["load"] = load.describe()
                results.update(figures_for_servers(Path(workdir), args, load, tags))
        finally:
            if tags:
                docker("image", "rm", *tags, check=False)
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.servers:
        require_wrk()
    if not docker_available():
        print("The benchmark needs a Docker engine with BuildKit; `docker info` does not answer.", file=sys.stderr)
        return 2
    results = run(args)
    args.results_dir.mkdir(parents=True, exist_ok=True)
    stem = args.results_dir / results["date"]
    stem.with_suffix(".json").write_text(json.dumps(results, indent=2) + "\n")
    chart.draw(results, stem.with_suffix(".png"))
    print(report.markdown(results))
    print(f"Wrote {stem}.json and {stem}.png", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
