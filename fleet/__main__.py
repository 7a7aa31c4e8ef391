"""`python -m fleet report|rollout`: the services, from a file of git locations or a GitHub organisation."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import git_state, github_state
from .releases import published_releases
from .report import as_json, as_table, report_rows
from .rollout import start_updates
from .services import github_repository, read_services


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m fleet", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="each service's template release, how far behind, its open update")
    report.add_argument(
        "--template",
        default=".",
        help="where the template's release tags are: a git URL or a clone (default: the current directory)",
    )
    report.add_argument("--json", action="store_true", help="print JSON instead of a table")
    rollout = commands.add_parser("rollout", help="start the template-update workflow in every service on GitHub")
    for command in (report, rollout):
        source = command.add_mutually_exclusive_group(required=True)
        source.add_argument("services_file", nargs="?", type=Path, help="one git URL or local clone a line")
        source.add_argument("--github-org", metavar="ORG", help="the organisation's repositories, through `gh`")
    return parser.parse_args(argv)


def report(options: argparse.Namespace) -> int:
    releases = published_releases(options.template)
    if options.github_org:
        services = github_state.organisation_services(options.github_org)
        rows = report_rows(services, github_state.read_state, releases)
    else:
        locations = {service.name: service.location for service in read_services(options.services_file)}
        rows = report_rows(locations, lambda name: git_state.read_state(locations[name]), releases)
    if options.json:
        print(as_json(rows))
    else:
        print(f"Newest template release: {releases[-1] if releases else 'none'}\n")
        print(as_table(rows))
    return 1 if any("error" in row for row in rows) else 0


def rollout(options: argparse.Namespace) -> int:
    if options.github_org:
        repositories = github_state.organisation_services(options.github_org)
    else:
        services = read_services(options.services_file)
        elsewhere = [service.name for service in services if github_repository(service.location) is None]
        if elsewhere:
            print(f"Not GitHub repositories (https://github.com/OWNER/NAME): {', '.join(elsewhere)}", file=sys.stderr)
            return 2
        repositories = [github_repository(service.location) or "" for service in services]
    failed = 0
    for repository, error in start_updates(repositories):
        print(f"{repository}: {'started' if error is None else f'failed: {error}'}")
        failed += error is not None
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    options = arguments(argv)
    try:
        return report(options) if options.command == "report" else rollout(options)
    except (RuntimeError, OSError) as error:
        # A failed git or gh command, or one that is not installed: its message says what to fix.
        print(f"python -m fleet {options.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
