"""`copier copy` answered by a person in an 80-column terminal: readable help, and only questions worth asking."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from wcwidth import wcswidth

from harness.answers import recorded_answers
from harness.options import BASE_IMAGES, COPIER_CONFIG, DEFAULT_BASE_IMAGE, DEFAULT_FRAMEWORK, SERVERS
from tests.support.terminal import DOWN, ENTER, Terminal

COLUMNS = 80
PROMPT = "🎤 "
QUESTIONS = {name: spec for name, spec in COPIER_CONFIG.items() if not name.startswith("_")}
NOT_ASKED = [name for name, spec in QUESTIONS.items() if spec.get("ask", True) is False]
# Everything else that is not computed (`when: false`) is asked, in copier.yml's order.
ASKED = [name for name, spec in QUESTIONS.items() if spec.get("when", True) is not False and name not in NOT_ASKED]
# What the person types; Enter takes the default of every other question.
TYPED = {
    "user_name": "Example Team" + ENTER,
    "user_email": "team@example.com" + ENTER,
    "base_image": DOWN + ENTER,
}
BASE_IMAGE_BELOW_DEFAULT = list(BASE_IMAGES.values())[list(BASE_IMAGES).index(DEFAULT_BASE_IMAGE.name) + 1]


def prompt_line(name: str) -> str:
    return PROMPT + QUESTIONS[name]["help"]


@dataclass(frozen=True)
class Interview:
    exit_status: int
    transcript: str
    seen: list[str]  # every question's prompt line, in the order they came
    server_screen: list[str]
    project: Path


@pytest.fixture(scope="module")
def interview(tmp_path_factory: pytest.TempPathFactory, template_snapshot: Path) -> Interview:
    """A person who types a name and an email, picks the base image below the default and takes every other default."""
    workdir = tmp_path_factory.mktemp("interview")
    project = workdir / "project"
    terminal = Terminal(
        ["copier", "copy", "--trust", str(template_snapshot), str(project)], cwd=workdir, columns=COLUMNS
    )
    seen: list[str] = []

    def answer(name: str, keys: str) -> list[str]:
        screen = terminal.wait_for(prompt_line(name))
        seen.extend(line for line in screen if line.startswith(PROMPT) and line not in seen)
        terminal.send(keys)
        return screen

    # Enter alone is no answer (nothing in the field looked like a default): the
    # error must show, or wait_for fails the fixture.
    answer(ASKED[0], ENTER)
    terminal.wait_for(f"{ASKED[0]} must not be empty")
    terminal.send("Example Service" + ENTER)
    screens = {name: answer(name, TYPED.get(name, ENTER)) for name in ASKED[1:]}
    exit_status = terminal.wait_for_exit()
    return Interview(exit_status, "\n".join(terminal.lines()), seen, screens["server"], project)


def test_the_interview_makes_the_project(interview: Interview) -> None:
    assert interview.exit_status == 0, interview.transcript
    assert (interview.project / "uv.lock").is_file()


def test_every_question_shows_its_whole_help_on_one_line_of_80_columns(interview: Interview) -> None:
    assert interview.seen == [prompt_line(name) for name in ASKED]
    assert all(wcswidth(line) <= COLUMNS for line in interview.seen), interview.seen


def test_questions_with_one_right_answer_are_not_asked() -> None:
    assert {"python_version", "dockerfile_syntax"} <= set(NOT_ASKED)


def test_server_choices_are_those_of_the_framework_told_apart_each_on_its_line(interview: Interview) -> None:
    screen = interview.server_screen
    choices = [line.removeprefix(" »").strip() for line in screen[screen.index(prompt_line("server")) + 1 :]]
    # Those of the default framework, which the person kept.
    titles = [server.title for server in SERVERS.values() if server.serves(DEFAULT_FRAMEWORK)]

    assert choices[-len(titles) :] == titles
    assert len({title.split(": ", 1)[1] for title in titles}) == len(titles)
    assert all(wcswidth(title) + 3 <= COLUMNS for title in titles)


def test_what_was_not_asked_is_recorded_and_follows_the_answers_that_decide_it(interview: Interview) -> None:
    answers = recorded_answers(interview.project)

    assert answers["base_image"] == BASE_IMAGE_BELOW_DEFAULT.name
    assert answers["python_version"] == BASE_IMAGE_BELOW_DEFAULT.python
    assert "uv_version" not in answers
    assert answers["dockerfile_syntax"] == QUESTIONS["dockerfile_syntax"]["default"]
