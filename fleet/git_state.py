"""A service's state as git shows it, for any location `git fetch` takes: local clones and remotes alike.

The recorded release is `_commit` in `.copier-answers.yml` on the default branch
(HEAD, for a local clone the checked-out branch). Without a forge's API, the
update pull request stands for its branch: `template-update` exists while the
pull request is open (the workflow deletes it on merge or close), and its head
commit's title is the pull request's title, `[conflicts] ...` when it has some.
"""

from __future__ import annotations

import subprocess
import tempfile

import yaml

from .state import ANSWERS_FILE, CONFLICTS_PREFIX, UPDATE_BRANCH, ServiceState, UpdateRequest


def git(*args: str, cwd: str | None = None) -> str:
    result = subprocess.run(["git", *args], cwd=cwd, text=True, capture_output=True)
    if result.returncode != 0:
        raise RuntimeError(f"git {' '.join(args[:2])}: {result.stderr.strip()}")
    return result.stdout


def read_state(location: str) -> ServiceState:
    with tempfile.TemporaryDirectory(prefix="fleet-") as scratch:
        git("init", "--quiet", "--bare", scratch)
        git("fetch", "--quiet", "--depth=1", location, "+HEAD:refs/fleet/default", cwd=scratch)
        answers = yaml.safe_load(git("show", f"refs/fleet/default:{ANSWERS_FILE}", cwd=scratch))
        branch = f"refs/heads/{UPDATE_BRANCH}"
        if not git("ls-remote", location, branch).strip():
            return ServiceState(str(answers["_commit"]), None)
        git("fetch", "--quiet", "--depth=1", location, f"+{branch}:refs/fleet/update", cwd=scratch)
        title = git("log", "-1", "--format=%s", "refs/fleet/update", cwd=scratch).strip()
        return ServiceState(str(answers["_commit"]), UpdateRequest(title.startswith(CONFLICTS_PREFIX), None))
