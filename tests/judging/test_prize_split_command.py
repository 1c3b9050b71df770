"""`manage.py prize_split`: the JSON it prints, and its exit code and message on impossible input."""

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    out = StringIO()
    call_command("prize_split", *args, stdout=out)
    return json.loads(out.getvalue())


def test_example_from_the_issue_prints_the_documented_json():
    result = run(
        "--pot", "20000.00", "--unit", "0.01", "--rule", "ranked", "--shares", "50,30,20",
        "--winner", "Name A=8.7", "--winner", "Name B=8.1", "--winner", "Name C=8.1",
    )  # fmt: skip
    assert set(result) == {"pot", "rule", "awards"}
    assert result["pot"] == "20000.00"
    assert result["rule"] == "ranked"
    assert [(a["winner"], a["rank"], a["amount"]) for a in result["awards"]] == [
        ("Name A", 1, "10000.00"),
        ("Name B", 2, "5000.00"),
        ("Name C", 2, "5000.00"),
    ]
    assert all(set(a) == {"winner", "rank", "amount", "explanation"} for a in result["awards"])
    assert "Tied with Name C for places 2 to 3" in result["awards"][1]["explanation"]


def test_amounts_always_have_two_decimals_also_with_a_unit_of_100_euro():
    result = run(
        "--pot", "20000", "--unit", "100", "--rule", "equal", "--winner", "A", "--winner", "B", "--winner", "C"
    )
    assert result["pot"] == "20000.00"
    assert [a["amount"] for a in result["awards"]] == ["6700.00", "6700.00", "6600.00"]


def test_proportional_with_floor_and_cap():
    result = run(
        "--pot", "20000", "--rule", "proportional", "--floor", "3000", "--cap", "12000",
        "--winner", "A=9", "--winner", "B=2", "--winner", "C=1",
    )  # fmt: skip
    assert [a["amount"] for a in result["awards"]] == ["12000.00", "5000.00", "3000.00"]
    assert "cap" in result["awards"][0]["explanation"]


def test_explanations_in_dutch_on_request():
    result = run(
        "--pot", "20000", "--rule", "winner-takes-all", "--winner", "A=8", "--winner", "B=7", "--language", "nl"
    )
    assert result["awards"][0]["explanation"].startswith("De winnaar krijgt alles")
    assert result["awards"][1]["amount"] == "0.00"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--rule", "ranked", "--shares", "50,30,10", "--winner", "A=8", "--winner", "B=7", "--winner", "C=6"],
         "The shares must add up to 100; these add up to 90."),
        (["--rule", "proportional", "--floor", "8000", "--winner", "A=8", "--winner", "B=7", "--winner", "C=6"],
         "The floor is too high: 3 winners x EUR 8,000.00 = EUR 24,000.00, more than the pot of EUR 20,000.00."),
        (["--rule", "proportional", "--cap", "5000", "--winner", "A=8", "--winner", "B=7", "--winner", "C=6"],
         "The cap is too low to place the pot: 3 winners x EUR 5,000.00 = EUR 15,000.00, less than the pot of EUR 20,000.00."),
        (["--rule", "equal"], "There are no winners: give at least one winner."),
        (["--rule", "ranked", "--winner", "A=8"], "The ranked rule needs shares by place, for example 50,30,20."),
        (["--rule", "equal", "--winner", "A=7", "--winner", "B=8"], "Winners must be listed in rank order"),
        (["--rule", "equal", "--winner", "A=acht"], "is not a number"),
        (["--rule", "proportional", "--winner", "A"], "The proportional rule needs a score for A."),
    ],
)  # fmt: skip
def test_impossible_input_raises_a_command_error_with_a_clear_message(args, message):
    with pytest.raises(CommandError) as error:
        call_command("prize_split", "--pot", "20000.00", *args, stdout=StringIO())
    assert message in str(error.value)


def test_pot_that_is_not_a_multiple_of_the_unit_is_refused():
    with pytest.raises(CommandError, match="not a whole multiple of the rounding unit"):
        call_command(
            "prize_split", "--pot", "20000.50", "--unit", "1", "--rule", "equal", "--winner", "A", stdout=StringIO()
        )


def test_command_line_exits_non_zero_with_the_message_on_stderr():
    manage = [sys.executable, str(ROOT / "manage.py"), "prize_split", "--pot", "20000", "--rule"]
    failed = subprocess.run(
        [*manage, "ranked", "--shares", "60,30", "--winner", "A=1"], capture_output=True, text=True, cwd=ROOT
    )
    assert failed.returncode != 0
    assert "The shares must add up to 100; these add up to 90." in failed.stderr
    assert failed.stdout == ""
    unknown = subprocess.run([*manage, "lottery", "--winner", "A=1"], capture_output=True, text=True, cwd=ROOT)
    assert unknown.returncode != 0
    assert "invalid choice: 'lottery'" in unknown.stderr
    ok = subprocess.run(
        [*manage, "equal", "--winner", "A=1", "--winner", "B=1"], capture_output=True, text=True, cwd=ROOT
    )
    assert ok.returncode == 0, ok.stderr
    assert [a["amount"] for a in json.loads(ok.stdout)["awards"]] == ["10000.00", "10000.00"]
