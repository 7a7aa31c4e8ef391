# Sourced by .ci/run. pyenv installs several CPythons, but its shims hide all
# but the active one from uv; activating the newest patch release of each
# 3.11-3.13 makes them all discoverable, with the current default kept first.
if command -v pyenv >/dev/null 2>&1; then
    current=$(pyenv version-name | cut -d: -f1)
    others=$(for minor in 3.11 3.12 3.13; do
        pyenv versions --bare | grep -E "^${minor//./\\.}\.[0-9]+$" | sort -V | tail -n 1
    done | grep -vx "$current" || true)
    # shellcheck disable=SC2086
    pyenv global $current $others
    echo "pyenv global: $(pyenv global | tr '\n' ' ')"
fi
