"""Counting votes on variants: shares with 95 % Wilson score intervals, and whether the lead is settled.

- Each share ``k/n`` gets the Wilson score interval at 95 % (z = 1.959964): it stays inside
  [0, 1] and behaves with few votes, where the normal ("Wald") interval does not.
- Whether the leader's lead over the runner-up is larger than chance is an exact two-sided
  binomial test on the votes of those two alone (given ``a + b`` votes between them, is ``a``
  far from half?), at the 5 % level. When it is not, the sentence gives the smallest total
  number of votes, at the same shares, at which it would be.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

Z95 = 1.959963984540054
ALPHA = 0.05


@dataclass(frozen=True)
class Share:
    choice: str
    votes: int
    share: float
    low: float
    high: float


@dataclass(frozen=True)
class Tally:
    total: int
    shares: list[Share]
    """Most votes first (ties in the order given)."""
    p_value: float | None
    """Exact binomial test of the first two; None with fewer than two choices having votes."""
    settled: bool
    votes_needed: int | None
    """Total votes at the same shares that would make the lead significant; None if settled or a tie."""


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of the proportion ``k/n``."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def binomial_two_sided(a: int, b: int) -> float:
    """Exact two-sided p-value that ``a`` of ``a + b`` is this far from half (fair coin)."""
    n = a + b
    if n == 0:
        return 1.0
    k = max(a, b)
    # P(X >= k) for X ~ Bin(n, 1/2), doubled (the distribution is symmetric), capped at 1.
    tail = sum(math.comb(n, i) for i in range(k, n + 1)) / 2**n
    return min(1.0, 2 * tail) if 2 * k != n else 1.0


def tally(votes: Mapping[str, int], order: list[str]) -> Tally:
    """Tally ``votes`` (choice to count); ``order`` lists every choice to show, in display order."""
    total = sum(votes.values())
    ranked = sorted(order, key=lambda c: (-votes.get(c, 0), order.index(c)))
    shares = []
    for choice in ranked:
        k = votes.get(choice, 0)
        low, high = wilson(k, total)
        shares.append(Share(choice, k, k / total if total else 0.0, low, high))
    if len(shares) < 2 or shares[0].votes == 0:
        return Tally(total, shares, None, False, None)
    a, b = shares[0].votes, shares[1].votes
    p = binomial_two_sided(a, b)
    settled = p < ALPHA and a > b
    needed = None
    if not settled and a > b:
        for scale in range(2, 100_000):
            scaled_a, scaled_b = a * scale, b * scale
            if binomial_two_sided(scaled_a, scaled_b) < ALPHA:
                # Bisect the total between the previous scale and this one.
                low_n, high_n = total * (scale - 1), total * scale
                while high_n - low_n > 1:
                    mid = (low_n + high_n) // 2
                    ma, mb = round(a * mid / total), round(b * mid / total)
                    if binomial_two_sided(ma, mb) < ALPHA and ma > mb:
                        high_n = mid
                    else:
                        low_n = mid
                needed = high_n
                break
    return Tally(total, shares, p, settled, needed)
