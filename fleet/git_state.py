"""A service's state as git shows it, for any location `git fetch` takes: local clones and remotes alike.

The recorded release is `_commit` in `.copier-answers.yml` on the default branch
(HEAD, for a local clone the checked-out branch). Without a forge's API, the
update pull request stands for its branch: `template-update` exists while the
pull request is open (the workflow deletes it on merge or close), and its head
commit's title is the pull request's title, `[conflicts] ...` when it has some.
"""

from __future__ import annotations

import tempfile

import yaml

from .commands import output
from .state import ANSWERS_FILE, CONFLICTS_PREFIX, UPDATE_BRANCH, ServiceState, UpdateRequest

BRANCH = f"refs/heads/{UPDATE_BRANCH}"


def read_state(location: str) -> ServiceState:
    has_update = bool(output("git", "ls-remote", location, BRANCH).strip())
    with tempfile.TemporaryDirectory(prefix="fleet-") as scratch:
        output("git", "init", "--quiet", "--bare", scratch)
        wanted = ["+HEAD:refs/fleet/default", *([f"+{BRANCH}:refs/fleet/update"] if has_update else [])]
        output("git", "fetch", "--quiet", "--depth=1", location, *wanted, cwd=scratch)
        answers = yaml.safe_load(output("git", "show", f"refs/fleet/default:{ANSWERS_FILE}", cwd=scratch))
        update = None
        if has_update:
            title = output("git", "log", "-1", "--format=%s", "refs/fleet/update", cwd=scratch)
            update = UpdateRequest(title.startswith(CONFLICTS_PREFIX), None)
        return ServiceState(str(answers["_commit"]), update)
