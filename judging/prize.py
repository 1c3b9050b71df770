"""The prize split: pure arithmetic, no Django (a test asserts this module imports nothing of Django).

Input: the pot, the winners in rank order (tied winners share a rank), a rule and its parameters.
Output: one `Award` per winner with the amount, the reasons in words (structured, so any layer can
translate them) and the award split again among the entry's organisations.

Money is counted in whole rounding units (cent 0.01, euro 1, or 100 euro). Every split sums to the
pot exactly: ideal amounts are computed as exact fractions, rounded down to whole units, and the
units left over go one by one to the largest remainders; equal remainders go to the better rank
first, then to the smaller stable key (`Winner.key`, by default the name, compared case-insensitively).
Tied winners therefore get equal amounts or amounts that differ by exactly one unit.

Rules
- winner-takes-all: place 1 gets the whole pot.
- equal: every winner gets the same.
- ranked: fixed shares by place (percentages adding up to 100, e.g. 50/30/20); places beyond the
  list get nothing, a list longer than the number of winners is refused (money would be left over).
- proportional: in proportion to the score, optionally at least `floor` and at most `cap` per
  winner; winners held at the floor or cap are fixed and the rest of the pot is shared among the
  others in proportion to their scores, so the whole pot is always placed.
- manual: the amounts are given per winner and must add up to the pot.
Ties share the places they cover: two winners tied for 2nd under 50/30/20 cover places 2 and 3 and
each get (30 + 20) / 2 = 25 %. Under the proportional rule, tied winners get the average of their
proportional amounts.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from fractions import Fraction

CENT = Decimal("0.01")
EURO = Decimal("1")
HUNDRED_EURO = Decimal("100")
ROUNDING_UNITS = (CENT, EURO, HUNDRED_EURO)
HUNDRED = Fraction(100)


class Rule(StrEnum):
    WINNER_TAKES_ALL = "winner-takes-all"
    EQUAL = "equal"
    RANKED = "ranked"
    PROPORTIONAL = "proportional"
    MANUAL = "manual"


class PrizeSplitError(ValueError):
    """Input that cannot be split. `code` and `params` let any layer word the message itself;
    `str(error)` is the English text, `error_text(error, "nl")` the Dutch one."""

    def __init__(self, code: str, **params):
        self.code = code
        self.params = params
        super().__init__(error_text(self, "en"))


# --------------------------------------------------------------------------------------------
# Input and output


@dataclass(frozen=True)
class Organisation:
    """One organisation of a winning entry. `percent` None means: an equal part of what the
    organisations with a stated percentage leave over."""

    name: str
    percent: Decimal | None = None


@dataclass(frozen=True)
class Winner:
    name: str
    rank: int
    score: Decimal | None = None
    key: str = ""  # stable tie-break key; the name when empty
    amount: Decimal | None = None  # the manual rule only
    organisations: tuple[Organisation, ...] = ()

    @property
    def sort_key(self) -> str:
        return (self.key or self.name).casefold()


@dataclass(frozen=True)
class Reason:
    """One step of an explanation: a code (see TEXTS) and the values it speaks of."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class OrganisationAward:
    name: str
    percent: Fraction
    amount: Decimal
    exact: Fraction
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Award:
    winner: Winner
    rank: int
    amount: Decimal
    exact: Fraction  # the ideal amount in euros before rounding
    reasons: tuple[Reason, ...]
    organisations: tuple[OrganisationAward, ...] = ()


@dataclass(frozen=True)
class PrizeSplit:
    rule: Rule
    pot: Decimal
    unit: Decimal
    awards: tuple[Award, ...]
    shares: tuple[Decimal, ...] | None = None
    floor: Decimal | None = None
    cap: Decimal | None = None

    @property
    def total(self) -> Decimal:
        return sum((award.amount for award in self.awards), Decimal("0.00"))


# --------------------------------------------------------------------------------------------
# Parsing helpers (shared by the command line and the forms)


def to_decimal(value, *, what: str) -> Decimal:
    """A Decimal from user input ("20000", "20.000,00" is refused: use a dot), or a clear error."""
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value).strip())
        except (InvalidOperation, ValueError):
            raise PrizeSplitError("not_a_number", what=what, value=str(value)) from None
    if not result.is_finite():
        raise PrizeSplitError("not_a_number", what=what, value=str(value))
    return result


def parse_shares(text: str) -> tuple[Decimal, ...]:
    """ "50,30,20" -> (50, 30, 20)."""
    parts = [part.strip() for part in str(text).replace(";", ",").split(",") if part.strip()]
    if not parts:
        raise PrizeSplitError("shares_missing")
    return tuple(to_decimal(part.rstrip("%"), what="share") for part in parts)


def ranks_from_scores(scores: Sequence[Decimal | None]) -> list[int]:
    """Ranks for winners listed best first: equal scores share a rank (1, 2, 2, 4). Without
    scores every winner has an own rank. Scores listed out of order are refused."""
    ranks: list[int] = []
    for position, score in enumerate(scores):
        previous = scores[position - 1] if position else None
        if position and score is not None and previous is not None:
            if score > previous:
                raise PrizeSplitError("not_in_rank_order", position=position + 1, score=score, previous=previous)
            if score == previous:
                ranks.append(ranks[-1])
                continue
        ranks.append(position + 1)
    return ranks


# --------------------------------------------------------------------------------------------
# Rounding


def largest_remainder(ideal: Sequence[Fraction], total: int, priority: Sequence[tuple]) -> list[int]:
    """Round `ideal` (exact amounts in units, adding up to the integer `total`) to integers that
    add up to `total`: round down, then give the units left over one each to the largest
    remainders; equal remainders are ordered by `priority` (smaller first)."""
    if sum(ideal, Fraction(0)) != total:
        raise ValueError("Ideal amounts must add up to the total before rounding.")
    floors = [math.floor(x) for x in ideal]
    left = total - sum(floors)
    order = sorted(range(len(ideal)), key=lambda i: (-(ideal[i] - floors[i]), priority[i]))
    for i in order[:left]:
        floors[i] += 1
    return floors


# --------------------------------------------------------------------------------------------
# Validation


def _units(amount: Decimal, unit: Decimal, *, what: str) -> int:
    ratio = Fraction(amount) / Fraction(unit)
    if ratio.denominator != 1:
        raise PrizeSplitError("not_multiple_of_unit", what=what, amount=amount, unit=unit)
    return ratio.numerator


def _check_unit(unit: Decimal) -> None:
    if unit <= 0:
        raise PrizeSplitError("unit_not_positive", unit=unit)
    if (Fraction(unit) / Fraction(CENT)).denominator != 1:
        raise PrizeSplitError("unit_below_cent", unit=unit)


def _check_non_negative(value: Decimal | None, *, what: str) -> None:
    if value is not None and value < 0:
        raise PrizeSplitError("negative", what=what, value=value)


def _tie_groups(winners: Sequence[Winner]) -> list[list[int]]:
    """Positions of winners grouped by rank; ranks must not go down along the list."""
    groups: list[list[int]] = []
    for position, winner in enumerate(winners):
        if winner.rank < 1:
            raise PrizeSplitError("rank_not_positive", name=winner.name, rank=winner.rank)
        if position and winner.rank < winners[position - 1].rank:
            raise PrizeSplitError("ranks_out_of_order", name=winner.name, rank=winner.rank)
        if position and winner.rank == winners[position - 1].rank:
            groups[-1].append(position)
        else:
            groups.append([position])
    return groups


# --------------------------------------------------------------------------------------------
# The split


def split_prize(
    *,
    pot: Decimal,
    winners: Sequence[Winner],
    rule: Rule | str,
    unit: Decimal = CENT,
    shares: Sequence[Decimal] | None = None,
    floor: Decimal | None = None,
    cap: Decimal | None = None,
) -> PrizeSplit:
    """Split `pot` among `winners` (best first) by `rule`. Raises PrizeSplitError on impossible input."""
    try:
        rule = Rule(rule)
    except ValueError:
        raise PrizeSplitError("unknown_rule", rule=str(rule)) from None
    pot, unit = Decimal(pot), Decimal(unit)
    winners = tuple(winners)
    _check_unit(unit)
    _check_non_negative(pot, what="pot")
    pot_units = _units(pot, unit, what="pot")
    if not winners:
        raise PrizeSplitError("no_winners")
    groups = _tie_groups(winners)
    unit_f = Fraction(unit)
    pot_f = Fraction(pot)
    n = len(winners)
    reasons: list[list[Reason]] = [[] for _ in winners]
    used_shares: tuple[Decimal, ...] | None = None
    for label, value in (("floor", floor), ("cap", cap)):
        if value is not None and rule is not Rule.PROPORTIONAL:
            raise PrizeSplitError("option_needs_proportional", option=label)
    if shares is not None and rule is not Rule.RANKED:
        raise PrizeSplitError("option_needs_ranked", option="shares")

    if rule is Rule.MANUAL:
        ideal = []
        for winner in winners:
            if winner.amount is None:
                raise PrizeSplitError("manual_amount_missing", name=winner.name)
            _check_non_negative(winner.amount, what="amount")
            _units(winner.amount, unit, what="amount")
            ideal.append(Fraction(winner.amount))
        if sum(ideal) != pot_f:
            raise PrizeSplitError("manual_sum", total=Decimal(sum(ideal).numerator) / sum(ideal).denominator, pot=pot)
        for i in range(n):
            reasons[i].append(Reason("manual", {"amount": winners[i].amount}))
    elif rule is Rule.EQUAL:
        ideal = [pot_f / n] * n
        for i in range(n):
            reasons[i].append(Reason("equal", {"pot": pot, "count": n}))
    elif rule in (Rule.WINNER_TAKES_ALL, Rule.RANKED):
        if rule is Rule.WINNER_TAKES_ALL:
            place_shares = [HUNDRED]
        else:
            if not shares:
                raise PrizeSplitError("shares_missing")
            used_shares = tuple(to_decimal(s, what="share") for s in shares)
            for share in used_shares:
                _check_non_negative(share, what="share")
            if sum(used_shares) != 100:
                raise PrizeSplitError("shares_sum", sum_percent=sum(used_shares), shares=used_shares)
            if len(used_shares) > n:
                raise PrizeSplitError("more_shares_than_winners", shares=len(used_shares), winners=n)
            place_shares = [Fraction(s) for s in used_shares]
        place_shares = place_shares + [Fraction(0)] * (n - len(place_shares))
        ideal = [Fraction(0)] * n
        for group in groups:
            covered = [place_shares[p] for p in group]
            share = sum(covered) / len(group)
            for p in group:
                ideal[p] = pot_f * share / HUNDRED
                if len(group) > 1:
                    reasons[p].append(
                        Reason(
                            "tie_places",
                            {
                                "first_place": group[0] + 1,
                                "last_place": group[-1] + 1,
                                "count": len(group),
                                "place_shares": tuple(covered),
                                "percent": share,
                                "pot": pot,
                            },
                        )
                    )
                elif rule is Rule.WINNER_TAKES_ALL:
                    reasons[p].append(Reason("winner_takes_all" if p == 0 else "winner_takes_all_other", {"pot": pot}))
                else:
                    reasons[p].append(Reason("ranked_place", {"place": p + 1, "percent": share, "pot": pot}))
    else:  # proportional
        ideal = _proportional(winners, pot=pot, unit=unit, floor=floor, cap=cap, reasons=reasons)
        for group in groups:
            if len(group) > 1:
                average = sum(ideal[p] for p in group) / len(group)
                if any(ideal[p] != average for p in group):
                    for p in group:
                        reasons[p].append(Reason("tie_average", {"count": len(group), "amount": average}))
                for p in group:
                    ideal[p] = average

    ideal_units = [x / unit_f for x in ideal]
    priority = [(winner.rank, winner.sort_key, position) for position, winner in enumerate(winners)]
    rounded = largest_remainder(ideal_units, pot_units, priority)
    awards = []
    for i, winner in enumerate(winners):
        amount = _money(rounded[i], unit)
        reasons[i].extend(_rounding_reasons(ideal[i], amount, unit))
        organisations = split_among_organisations(amount=amount, unit=unit, organisations=winner.organisations)
        awards.append(
            Award(
                winner=winner,
                rank=winner.rank,
                amount=amount,
                exact=ideal[i],
                reasons=tuple(reasons[i]),
                organisations=organisations,
            )
        )
    return PrizeSplit(
        rule=rule,
        pot=_money(pot_units, unit),
        unit=unit,
        awards=tuple(awards),
        shares=used_shares,
        floor=floor,
        cap=cap,
    )


def _money(units: int, unit: Decimal) -> Decimal:
    return (Decimal(units) * unit).quantize(CENT)


def _rounding_reasons(exact: Fraction, amount: Decimal, unit: Decimal, *, up_code: str = "rounded_up") -> list[Reason]:
    amount_f = Fraction(amount)
    if amount_f == exact:
        return []
    code = up_code if amount_f > exact else "rounded_down"
    return [Reason(code, {"exact": exact, "amount": amount, "unit": unit})]


def _proportional(
    winners: Sequence[Winner],
    *,
    pot: Decimal,
    unit: Decimal,
    floor: Decimal | None,
    cap: Decimal | None,
    reasons: list[list[Reason]],
) -> list[Fraction]:
    n = len(winners)
    scores = []
    for winner in winners:
        if winner.score is None:
            raise PrizeSplitError("score_missing", name=winner.name)
        if winner.score <= 0:
            raise PrizeSplitError("score_not_positive", name=winner.name, score=winner.score)
        scores.append(Fraction(winner.score))
    _check_non_negative(floor, what="floor")
    _check_non_negative(cap, what="cap")
    if floor is not None:
        _units(floor, unit, what="floor")
    if cap is not None:
        _units(cap, unit, what="cap")
    if floor is not None and cap is not None and floor > cap:
        raise PrizeSplitError("floor_above_cap", floor=floor, cap=cap)
    lo = Fraction(floor) if floor is not None else Fraction(0)
    hi = Fraction(cap) if cap is not None else None
    total = Fraction(pot)
    if lo * n > total:
        raise PrizeSplitError("floor_too_high", floor=floor, count=n, needed=floor * n, pot=pot)
    if hi is not None and hi * n < total:
        raise PrizeSplitError("cap_too_low", cap=cap, count=n, placed=cap * n, pot=pot)

    rate = _solve_rate(scores, total, lo, hi)
    ideal, states = [], []
    for s in scores:
        x = rate * s
        if x < lo:
            ideal.append(lo)
            states.append("floor")
        elif hi is not None and x > hi:
            ideal.append(hi)
            states.append("cap")
        else:
            ideal.append(x)
            states.append("free")
    free = [i for i in range(n) if states[i] == "free"]
    free_scores = sum((scores[i] for i in free), Fraction(0))
    rest = total - sum((ideal[i] for i in range(n) if states[i] != "free"), Fraction(0))
    fixed = n - len(free)
    plain = [total * s / sum(scores) for s in scores]  # without floor or cap, for the explanation
    for i in range(n):
        if states[i] == "floor":
            reasons[i].append(
                Reason("proportional_floor", {"score": winners[i].score, "floor": floor, "proportional": plain[i]})
            )
        elif states[i] == "cap":
            reasons[i].append(
                Reason("proportional_cap", {"score": winners[i].score, "cap": cap, "proportional": plain[i]})
            )
        elif fixed:
            reasons[i].append(
                Reason(
                    "proportional_rest",
                    {
                        "score": winners[i].score,
                        "score_total": free_scores,
                        "rest": rest,
                        "count": len(free),
                        "fixed": fixed,
                        "percent": HUNDRED * scores[i] / free_scores,
                    },
                )
            )
        else:
            reasons[i].append(
                Reason(
                    "proportional",
                    {
                        "score": winners[i].score,
                        "score_total": free_scores,
                        "pot": pot,
                        "percent": HUNDRED * scores[i] / free_scores,
                    },
                )
            )
    return ideal


def _solve_rate(scores: list[Fraction], total: Fraction, lo: Fraction, hi: Fraction | None) -> Fraction:
    """The amount per point `r` with sum(clamp(r * score, lo, hi)) == total (exact).

    The sum is continuous, piecewise linear and non-decreasing in r, with kinks at lo/score and
    hi/score; between two kinks it is linear, so r follows from one division."""

    def placed(r: Fraction) -> Fraction:
        return sum((min(max(r * s, lo), hi) if hi is not None else max(r * s, lo) for s in scores), Fraction(0))

    kinks = sorted({lo / s for s in scores} | ({hi / s for s in scores} if hi is not None else set()))
    below = Fraction(0)
    for kink in [*kinks, None]:
        if kink is not None and placed(kink) < total:
            below = kink
            continue
        # The answer lies in [below, kink]; there the free winners are the same throughout.
        probe = below + 1 if kink is None else (below + kink) / 2
        constant, slope = Fraction(0), Fraction(0)
        for s in scores:
            x = probe * s
            if x <= lo:
                constant += lo
            elif hi is not None and x >= hi:
                constant += hi
            else:
                slope += s
        if slope == 0:
            return kink if kink is not None else below
        return (total - constant) / slope
    raise AssertionError("unreachable: the last interval is open-ended")


def split_among_organisations(
    *, amount: Decimal, unit: Decimal, organisations: Iterable[Organisation]
) -> tuple[OrganisationAward, ...]:
    """Split one award among the entry's organisations: stated percentages first, the rest in
    equal parts among those without one; rounded to whole units (largest remainder, ties to the
    organisation listed first)."""
    organisations = tuple(organisations)
    if not organisations:
        return ()
    if len(organisations) == 1:  # one organisation gets the whole award, whatever share was typed
        organisations = (Organisation(name=organisations[0].name, percent=None),)
    stated = [o.percent for o in organisations if o.percent is not None]
    for percent in stated:
        _check_non_negative(percent, what="organisation share")
    stated_total = sum((Fraction(p) for p in stated), Fraction(0))
    unstated = len(organisations) - len(stated)
    if stated_total > HUNDRED or (unstated == 0 and stated_total != HUNDRED):
        raise PrizeSplitError(
            "organisation_shares_sum",
            sum_percent=stated_total,
            names=tuple(o.name for o in organisations),
        )
    rest_each = (HUNDRED - stated_total) / unstated if unstated else Fraction(0)
    percents = [Fraction(o.percent) if o.percent is not None else rest_each for o in organisations]
    amount_f = Fraction(amount)
    total_units = _units(amount, unit, what="award")
    ideal = [amount_f * p / HUNDRED for p in percents]
    unit_f = Fraction(unit)
    rounded = largest_remainder([x / unit_f for x in ideal], total_units, [(i,) for i in range(len(ideal))])
    result = []
    for i, org in enumerate(organisations):
        share_amount = _money(rounded[i], unit)
        if len(organisations) == 1:
            why = [Reason("organisation_single", {"award": amount})]
        elif org.percent is not None:
            why = [Reason("organisation_stated", {"percent": percents[i], "award": amount})]
        elif stated:
            why = [Reason("organisation_rest", {"percent": percents[i], "count": unstated, "award": amount})]
        else:
            why = [Reason("organisation_equal", {"count": len(organisations), "award": amount})]
        why.extend(_rounding_reasons(ideal[i], share_amount, unit, up_code="organisation_rounded_up"))
        result.append(
            OrganisationAward(
                name=org.name, percent=percents[i], amount=share_amount, exact=ideal[i], reasons=tuple(why)
            )
        )
    return tuple(result)


# --------------------------------------------------------------------------------------------
# Words


def format_money(value, language: str = "en", places: int = 2) -> str:
    """EUR 1,234.50 in English, € 1.234,50 in Dutch. With `places` above 2 (for exact amounts
    before rounding) up to that many decimals are shown, at least two."""
    amount = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    text = f"{amount.quantize(Decimal(1).scaleb(-places)):,.{places}f}"
    while places > 2 and text.endswith("0"):
        text, places = text[:-1], places - 1
    if language.startswith("nl"):
        return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")
    return "EUR " + text


def format_number(value, language: str = "en", places: int = 2) -> str:
    """A percentage or score with at most `places` decimals, trailing zeros dropped."""
    number = Decimal(value.numerator) / Decimal(value.denominator) if isinstance(value, Fraction) else Decimal(value)
    text = f"{number.quantize(Decimal(1).scaleb(-places)):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if language.startswith("nl"):
        text = text.replace(".", ",")
    return text


MONEY_PARAMS = {"pot", "amount", "floor", "cap", "rest", "award", "proportional", "needed", "placed", "total", "unit"}
NUMBER_PARAMS = {"percent", "score", "score_total", "previous", "sum_percent"}

TEXTS = {
    "en": {
        "winner_takes_all": "Winner takes all: place 1 receives the whole pot of {pot}.",
        "winner_takes_all_other": "Winner takes all: only place 1 receives money.",
        "equal": "Equal split: the pot of {pot} is divided by the number of winners ({count}).",
        "ranked_place": "Fixed share for place {place}: {percent}% of {pot}.",
        "tie_places": (
            "Tied with {others} for places {first_place} to {last_place}: the shares of these places "
            "({place_shares}) are added up and divided by {count}, so {percent}% of {pot} each."
        ),
        "tie_average": "Tied: the {count} tied winners get the average of their amounts, {amount} each.",
        "proportional": "In proportion to the score: {score} of the {score_total} points of all winners, "
        "so {percent}% of {pot}.",
        "proportional_rest": (
            "In proportion to the score: {fixed} winner(s) are held at the floor or cap; the remaining "
            "{rest} is shared among the other {count} in proportion to their scores: {score} of "
            "{score_total} points, so {percent}%."
        ),
        "proportional_floor": "Raised to the floor of {floor} (a share in proportion to the score {score} would be {proportional}).",
        "proportional_cap": "Limited to the cap of {cap} (a share in proportion to the score {score} would be {proportional}).",
        "manual": "Amount set by hand: {amount}.",
        "rounded_up": (
            "Rounded up from {exact} to {amount}: amounts are whole multiples of {unit}, and the units left "
            "over go to the largest remainders (equal remainders: better rank first, then alphabetical order)."
        ),
        "rounded_down": "Rounded down from {exact} to {amount}: amounts are whole multiples of {unit}.",
        "organisation_rounded_up": (
            "Rounded up from {exact} to {amount}: amounts are whole multiples of {unit}, and the units left "
            "over go to the largest remainders (equal remainders: the organisation listed first)."
        ),
        "organisation_single": "The whole award of {award} goes to this organisation.",
        "organisation_stated": "Stated share of {percent}% of the award of {award}.",
        "organisation_rest": "Equal part of what the stated shares leave over: {percent}% of the award of {award}.",
        "organisation_equal": "Equal share: the award of {award} is split among {count} organisations.",
    },
    "nl": {
        "winner_takes_all": "De winnaar krijgt alles: plaats 1 krijgt het hele prijzengeld van {pot}.",
        "winner_takes_all_other": "De winnaar krijgt alles: alleen plaats 1 krijgt geld.",
        "equal": "Gelijk verdeeld: het prijzengeld van {pot} is gedeeld door het aantal winnaars ({count}).",
        "ranked_place": "Vast deel voor plaats {place}: {percent}% van {pot}.",
        "tie_places": (
            "Gedeelde plaats met {others} (plaatsen {first_place} tot en met {last_place}): de delen van "
            "deze plaatsen ({place_shares}) zijn opgeteld en gedeeld door {count}. Dat is {percent}% van "
            "{pot} per winnaar."
        ),
        "tie_average": "Gedeelde plaats: de {count} winnaars krijgen het gemiddelde van hun bedragen, {amount} per winnaar.",
        "proportional": "Naar verhouding van de score: {score} van de {score_total} punten van alle winnaars. "
        "Dat is {percent}% van {pot}.",
        "proportional_rest": (
            "Naar verhouding van de score: {fixed} winnaar(s) krijgen het minimum of maximum. De rest, "
            "{rest}, gaat naar de andere {count} naar verhouding van hun scores: {score} van {score_total} "
            "punten. Dat is {percent}%."
        ),
        "proportional_floor": "Verhoogd tot het minimum van {floor} (naar verhouding van de score {score} zou het {proportional} zijn).",
        "proportional_cap": "Verlaagd tot het maximum van {cap} (naar verhouding van de score {score} zou het {proportional} zijn).",
        "manual": "Bedrag met de hand vastgesteld: {amount}.",
        "rounded_up": (
            "Afgerond van {exact} naar boven, tot {amount}: bedragen zijn hele veelvouden van {unit}. De "
            "eenheden die overblijven gaan naar de grootste resten (bij gelijke resten eerst de betere "
            "plaats, dan op alfabet)."
        ),
        "rounded_down": "Afgerond van {exact} naar beneden, tot {amount}: bedragen zijn hele veelvouden van {unit}.",
        "organisation_rounded_up": (
            "Afgerond van {exact} naar boven, tot {amount}: bedragen zijn hele veelvouden van {unit}. De "
            "eenheden die overblijven gaan naar de grootste resten (bij gelijke resten eerst de organisatie "
            "die het eerst genoemd is)."
        ),
        "organisation_single": "De hele prijs van {award} gaat naar deze organisatie.",
        "organisation_stated": "Afgesproken deel van {percent}% van de prijs van {award}.",
        "organisation_rest": "Gelijk deel van wat de afgesproken delen overlaten: {percent}% van de prijs van {award}.",
        "organisation_equal": "Gelijk deel: de prijs van {award} is verdeeld over {count} organisaties.",
    },
}

ERROR_TEXTS = {
    "en": {
        "no_winners": "There are no winners: give at least one winner.",
        "unknown_rule": "Unknown rule '{rule}': choose winner-takes-all, equal, ranked, proportional or manual.",
        "not_a_number": "The {what} '{value}' is not a number. Use digits and a dot for decimals, e.g. 20000.00.",
        "negative": "The {what} may not be negative ({value}).",
        "unit_not_positive": "The rounding unit must be above zero ({unit}).",
        "unit_below_cent": "The rounding unit must be a whole number of cents, such as 0.01, 1 or 100 ({unit}).",
        "not_multiple_of_unit": "The {what} {amount} is not a whole multiple of the rounding unit {unit}.",
        "rank_not_positive": "The rank of {name} must be 1 or higher ({rank}).",
        "ranks_out_of_order": "Winners must be listed in rank order: {name} (rank {rank}) comes after a worse rank.",
        "not_in_rank_order": (
            "Winners must be listed in rank order, best first: winner {position} has score {score}, "
            "higher than the {previous} before it."
        ),
        "shares_missing": "The ranked rule needs shares by place, for example 50,30,20.",
        "shares_sum": "The shares must add up to 100; these add up to {sum_percent}.",
        "more_shares_than_winners": (
            "You gave {shares} shares, but the number of winners is {winners}: the money for the places "
            "without a winner would not be placed. Give no more shares than there are winners."
        ),
        "option_needs_proportional": "The {option} only applies to the proportional rule.",
        "option_needs_ranked": "The {option} only apply to the ranked rule.",
        "manual_amount_missing": "The manual rule needs an amount for {name}.",
        "manual_sum": "The manual amounts add up to {total}, not to the pot of {pot}.",
        "score_missing": "The proportional rule needs a score for {name}.",
        "score_not_positive": "The proportional rule needs a score above zero for {name} ({score}).",
        "floor_above_cap": "The floor ({floor}) is higher than the cap ({cap}).",
        "floor_too_high": ("The floor is too high: {count} winners x {floor} = {needed}, more than the pot of {pot}."),
        "cap_too_low": (
            "The cap is too low to place the pot: {count} winners x {cap} = {placed}, less than the pot of {pot}."
        ),
        "organisation_shares_sum": "The shares of the organisations ({names}) must add up to 100%; they add up to {sum_percent}%.",
    },
    "nl": {
        "no_winners": "Er zijn geen winnaars. Geef minstens één winnaar op.",
        "unknown_rule": "Onbekende regel '{rule}'. Kies winner-takes-all, equal, ranked, proportional of manual.",
        "not_a_number": "De waarde '{value}' ({what}) is geen getal. Gebruik cijfers en een punt voor decimalen, bijvoorbeeld 20000.00.",
        "negative": "De waarde {value} ({what}) mag niet negatief zijn.",
        "unit_not_positive": "De afrondingseenheid moet groter zijn dan nul ({unit}).",
        "unit_below_cent": "De afrondingseenheid moet een heel aantal centen zijn, zoals 0.01, 1 of 100 ({unit}).",
        "not_multiple_of_unit": "Het bedrag {amount} ({what}) is geen veelvoud van de afrondingseenheid {unit}.",
        "rank_not_positive": "De plaats van {name} moet 1 of hoger zijn ({rank}).",
        "ranks_out_of_order": "Zet de winnaars op volgorde van plaats: {name} (plaats {rank}) staat na een slechtere plaats.",
        "not_in_rank_order": (
            "Zet de winnaars op volgorde, de beste eerst: winnaar {position} heeft score {score}, hoger dan "
            "de {previous} ervoor."
        ),
        "shares_missing": "De regel met vaste delen per plaats heeft delen nodig, bijvoorbeeld 50,30,20.",
        "shares_sum": "De delen moeten samen 100 zijn. Deze delen zijn samen {sum_percent}.",
        "more_shares_than_winners": (
            "U gaf {shares} delen op, maar het aantal winnaars is {winners}. Het geld voor de plaatsen zonder "
            "winnaar wordt dan niet verdeeld. Geef niet meer delen op dan er winnaars zijn."
        ),
        "option_needs_proportional": "De waarde {option} hoort alleen bij de verdeling naar verhouding van de score.",
        "option_needs_ranked": "De waarde {option} hoort alleen bij de vaste delen per plaats.",
        "manual_amount_missing": "Bij handmatige verdeling is een bedrag nodig voor {name}.",
        "manual_sum": "De bedragen zijn samen {total}, niet het prijzengeld van {pot}.",
        "score_missing": "Bij verdeling naar score is een score nodig voor {name}.",
        "score_not_positive": "Bij verdeling naar score moet de score van {name} groter zijn dan nul ({score}).",
        "floor_above_cap": "Het minimum ({floor}) is hoger dan het maximum ({cap}).",
        "floor_too_high": (
            "Het minimum is te hoog: {count} winnaars x {floor} = {needed}. Dat is meer dan het prijzengeld van {pot}."
        ),
        "cap_too_low": (
            "Het maximum is te laag om het hele prijzengeld te verdelen: {count} winnaars x {cap} = {placed}. "
            "Dat is minder dan het prijzengeld van {pot}."
        ),
        "organisation_shares_sum": "De delen van de organisaties ({names}) moeten samen 100% zijn. Ze zijn samen {sum_percent}%.",
    },
}

ERROR_WHAT = {
    "nl": {
        "pot": "prijzengeld",
        "share": "deel",
        "floor": "minimum",
        "cap": "maximum",
        "amount": "bedrag",
        "award": "prijs",
        "organisation share": "deel van een organisatie",
        "shares": "delen",
    }
}


def _lang(language: str) -> str:
    return "nl" if str(language).lower().startswith("nl") else "en"


def _format_params(params: dict, language: str) -> dict:
    formatted = {}
    for name, value in params.items():
        if value is None:
            formatted[name] = ""
        elif name in MONEY_PARAMS and not isinstance(value, tuple):
            formatted[name] = format_money(value, language)
        elif name == "exact":
            formatted[name] = format_money(value, language, places=4)
        elif name in NUMBER_PARAMS:
            formatted[name] = format_number(value, language)
        elif name == "place_shares":
            formatted[name] = " + ".join(f"{format_number(v, language)}%" for v in value)
        elif name in ("names", "shares") and isinstance(value, tuple):
            formatted[name] = ", ".join(str(format_number(v, language) if isinstance(v, Decimal) else v) for v in value)
        elif name in ("what", "option"):
            formatted[name] = ERROR_WHAT.get(language, {}).get(value, value)
        else:
            formatted[name] = value
    return formatted


def reason_text(reason: Reason, language: str = "en", **extra) -> str:
    language = _lang(language)
    params = _format_params({**reason.params, **extra}, language)
    params.setdefault("others", "")
    return TEXTS[language][reason.code].format(**params)


def explain(award: Award, language: str = "en", *, tied_with: Sequence[str] = ()) -> str:
    """The award's reasons as one paragraph. `tied_with`: names of the other tied winners."""
    others = join_names(tied_with, language)
    return " ".join(reason_text(reason, language, others=others) for reason in award.reasons)


def explain_split(split: PrizeSplit, language: str = "en") -> list[str]:
    """One paragraph per award, naming the winners each award is tied with."""
    texts = []
    for award in split.awards:
        tied = [other.winner.name for other in split.awards if other.rank == award.rank and other is not award]
        texts.append(explain(award, language, tied_with=tied))
    return texts


def explain_organisation(share: OrganisationAward, language: str = "en") -> str:
    return " ".join(reason_text(reason, language) for reason in share.reasons)


def error_text(error: PrizeSplitError, language: str = "en") -> str:
    language = _lang(language)
    return ERROR_TEXTS[language][error.code].format(**_format_params(error.params, language))


def join_names(names: Sequence[str], language: str) -> str:
    names = list(names)
    if not names:
        return ""
    if len(names) == 1:
        return names[0]
    word = " en " if _lang(language) == "nl" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
