"""README's install/run/test commands are the ones CI runs."""

from __future__ import annotations

import re

from helpers import REPO


def readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Install, run, test", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, re.DOTALL)]


def test_readme_gives_one_install_one_run_one_test_command() -> None:
    commands = readme_commands()
    assert len(commands) == 3
    assert commands[0].startswith("pip install")
    assert commands[1].startswith("debatt-nlp annotate seeds/")
    assert "pytest" in commands[2]


def test_ci_runs_exactly_the_readme_commands() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in readme_commands():
        assert command in ci


def test_ci_installs_the_optional_extras_readme_gives() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Optional extras", 1)[1].split("\n## ", 1)[0]
    extras = [
        line.strip()
        for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
        for line in block.splitlines()
    ]
    assert extras, "README's optional extras give no commands"
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for command in extras:
        assert command in ci
