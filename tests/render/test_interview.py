"""`copier copy` answered by a person in an 80-column terminal: readable help, and only questions worth asking."""

from __future__ import annotations

from pathlib import Path

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


def test_a_person_meets_only_the_questions_they_need_each_readable_at_80_columns(
    tmp_path: Path, template_snapshot: Path
) -> None:
    project = tmp_path / "project"
    terminal = Terminal(
        ["copier", "copy", "--trust", str(template_snapshot), str(project)], cwd=tmp_path, columns=COLUMNS
    )
    seen: list[str] = []

    def answer(name: str, keys: str) -> list[str]:
        screen = terminal.wait_for(prompt_line(name))
        seen.extend(line for line in screen if line.startswith(PROMPT) and line not in seen)
        terminal.send(keys)
        return screen

    # Enter alone is no answer: nothing in the field looked like a default.
    assert ASKED[0] == "project_name"
    answer("project_name", ENTER)
    terminal.wait_for("project_name must not be empty")
    terminal.send("Example Service" + ENTER)
    screens = {name: answer(name, TYPED.get(name, ENTER)) for name in ASKED[1:]}
    exit_status = terminal.wait_for_exit()

    assert exit_status == 0, "\n".join(terminal.lines())
    # Every question shows its whole help on one line, and those that are not asked never appear.
    assert seen == [prompt_line(name) for name in ASKED]
    assert all(wcswidth(line) <= COLUMNS for line in seen), seen
    # Each has one right answer, or one that only a few projects change.
    assert {"python_version", "dockerfile_syntax"} <= set(NOT_ASKED)
    # The server choices are told apart by what they are, each whole on its line.
    server_screen = screens["server"]
    below_prompt = server_screen[server_screen.index(prompt_line("server")) + 1 :]
    choices = [line.removeprefix(" »").strip() for line in below_prompt]
    # Those of the default framework, which the person kept.
    titles = [server.title for server in SERVERS.values() if server.serves(DEFAULT_FRAMEWORK)]
    assert choices[-len(titles) :] == titles
    assert len({title.split(": ", 1)[1] for title in titles}) == len(titles)
    assert all(wcswidth(title) + 3 <= COLUMNS for title in titles)
    # What was not asked is still recorded, and follows the answers that decide it.
    answers = recorded_answers(project)
    assert answers["base_image"] == BASE_IMAGE_BELOW_DEFAULT.name
    assert answers["python_version"] == BASE_IMAGE_BELOW_DEFAULT.python
    assert "uv_version" not in answers
    assert answers["dockerfile_syntax"] == QUESTIONS["dockerfile_syntax"]["default"]
    assert (project / "uv.lock").is_file()
