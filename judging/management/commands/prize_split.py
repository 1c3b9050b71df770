"""`manage.py prize_split`: the prize-split calculator on the command line (judging.prize).

Example:
    python manage.py prize_split --pot 20000.00 --unit 0.01 --rule ranked --shares 50,30,20 \\
        --winner "Name A=8.7" --winner "Name B=8.1" --winner "Name C=8.1"

Winners are given best first; equal scores make a tie. Prints JSON; exits non-zero with a clear
message on impossible input.
"""

import json

from django.core.management.base import BaseCommand, CommandError

from judging import prize

CLI_RULES = [prize.Rule.WINNER_TAKES_ALL, prize.Rule.EQUAL, prize.Rule.RANKED, prize.Rule.PROPORTIONAL]


def parse_winner(text: str) -> tuple[str, object]:
    """ "Name A=8.7" -> ("Name A", Decimal("8.7")); "Name A" -> ("Name A", None)."""
    name, sep, score = text.rpartition("=")
    if not sep:
        name, score = text, ""
    name = name.strip()
    if not name:
        raise CommandError(f'Winner "{text}" has no name. Use --winner "Name=score".')
    if not score.strip():
        return name, None
    try:
        return name, prize.to_decimal(score, what=f"score of {name}")
    except prize.PrizeSplitError as error:
        raise CommandError(str(error)) from None


class Command(BaseCommand):
    help = "Split a prize pot among ranked winners and print the amounts with their explanation as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--pot", required=True, help="The pot in euros, e.g. 20000.00.")
        parser.add_argument("--unit", default="0.01", help="Rounding unit in euros: 0.01 (cent), 1 or 100.")
        parser.add_argument("--rule", required=True, choices=[str(rule) for rule in CLI_RULES])
        parser.add_argument("--shares", help="Ranked rule: percentages by place, e.g. 50,30,20.")
        parser.add_argument("--floor", help="Proportional rule: at least this many euros per winner.")
        parser.add_argument("--cap", help="Proportional rule: at most this many euros per winner.")
        parser.add_argument(
            "--winner",
            action="append",
            default=[],
            metavar='"NAME=SCORE"',
            help="A winner, best first; repeat for each winner. Equal scores are a tie.",
        )
        parser.add_argument("--language", default="en", choices=["en", "nl"], help="Language of the explanations.")

    def handle(self, *args, **options):
        try:
            output = self.calculate(options)
        except prize.PrizeSplitError as error:
            raise CommandError(prize.error_text(error, options["language"])) from None
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))

    def calculate(self, options) -> dict:
        pot = prize.to_decimal(options["pot"], what="pot")
        unit = prize.to_decimal(options["unit"], what="unit")
        parsed = [parse_winner(text) for text in options["winner"]]
        if not parsed:
            raise prize.PrizeSplitError("no_winners")
        ranks = prize.ranks_from_scores([score for _, score in parsed])
        winners = [
            prize.Winner(name=name, rank=rank, score=score) for (name, score), rank in zip(parsed, ranks, strict=True)
        ]
        shares = prize.parse_shares(options["shares"]) if options.get("shares") else None
        floor = prize.to_decimal(options["floor"], what="floor") if options.get("floor") else None
        cap = prize.to_decimal(options["cap"], what="cap") if options.get("cap") else None
        split = prize.split_prize(
            pot=pot, winners=winners, rule=options["rule"], unit=unit, shares=shares, floor=floor, cap=cap
        )
        texts = prize.explain_split(split, options["language"])
        return {
            "pot": f"{split.pot:.2f}",
            "rule": str(split.rule),
            "awards": [
                {
                    "winner": award.winner.name,
                    "rank": award.rank,
                    "amount": f"{award.amount:.2f}",
                    "explanation": text,
                }
                for award, text in zip(split.awards, texts, strict=True)
            ],
        }
