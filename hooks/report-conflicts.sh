#!/bin/sh
# Copier migration, after every update: say which files the merge could not
# reconcile. Copier leaves conflict markers (or .rej files, with
# `--conflict rej`) but prints nothing about them and exits 0, and an update
# that looks clean is the easiest way to commit a conflict by mistake.
#
# Exits 1 when there are conflicts, so that `copier update` does too: the
# update's exit status tells a script whether anything is left to resolve.
# This runs last, so the update itself is complete either way.
set -eu

# Copier records inline conflicts as unmerged index entries, like `git merge`.
conflicted=$(git diff --name-only --relative --diff-filter=U 2>/dev/null | sort -u)
rejected=$(git ls-files --others --exclude-standard -- '*.rej' 2>/dev/null)

if [ -z "$conflicted" ] && [ -z "$rejected" ]; then
    exit 0
fi

{
    echo
    echo "warning: the update conflicts with your changes in these files:"
    printf '%s\n' "$conflicted" "$rejected" | sed '/^$/d; s/^/    /'
    if [ -n "$conflicted" ]; then
        echo "Both versions are kept: yours between '<<<<<<< before updating' and '=======',"
        echo "the template's between '=======' and '>>>>>>> after updating'. Edit each file to"
        echo "the result you want; \`git diff --check\` finds any markers left."
    fi
    if [ -n "$rejected" ]; then
        echo "Each FILE.rej holds your change that did not apply to the template's new FILE:"
        echo "apply it by hand, then delete the .rej file."
    fi
    echo "Then \`git add\` the files (and run \`uv lock\` if pyproject.toml was one) and commit."
    echo "Nothing else failed: the update is complete, and exits with an error status for these files."
} >&2
exit 1
