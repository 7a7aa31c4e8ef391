"""Jinja filters that derive and check the project's names.

copier.yml uses them both to compute defaults (`to_dist_name`, `to_package_name`)
and as validators (`*_problem`, which return an error message or "").
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata

from jinja2 import Environment
from jinja2.ext import Extension

NORMALIZED_DIST_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PACKAGE_NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
# Names that pytest and tooling reserve for the project's own test suite.
RESERVED_PACKAGE_NAMES = frozenset({"test", "tests"})


def to_dist_name(project_name: str) -> str:
    """'Café Ünïcode' -> 'cafe-unicode': ASCII-folded, lowercase, hyphen-separated."""
    ascii_name = unicodedata.normalize("NFKD", project_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def to_package_name(dist_name: str) -> str:
    return dist_name.replace("-", "_")


def project_name_problem(project_name: str) -> str:
    if not project_name.strip():
        return 'project_name must not be empty, e.g. "My Service".'
    if not to_dist_name(project_name):
        return f'project_name "{project_name}" needs at least one letter or digit, e.g. "My Service".'
    return ""


def dist_name_problem(dist_name: str) -> str:
    if NORMALIZED_DIST_NAME.match(dist_name):
        return ""
    suggestion = to_dist_name(dist_name) or "my-service"
    return (
        f'dist_name "{dist_name}" is not a normalized distribution name (PEP 503): '
        f'use lowercase letters, digits and single hyphens, e.g. "{suggestion}".'
    )


def package_name_problem(package_name: str) -> str:
    suggestion = to_package_name(to_dist_name(package_name)) or "my_service"
    if not PACKAGE_NAME.match(package_name):
        if suggestion[0].isdigit():
            suggestion = f"app_{suggestion}"
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
            project_name_problem=project_name_problem,
            dist_name_problem=dist_name_problem,
            package_name_problem=package_name_problem,
            email_problem=email_problem,
        )
