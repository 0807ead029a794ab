"""Vote counting: Wilson intervals, the exact binomial test, and the votes that would settle a lead."""

from __future__ import annotations

import pytest

from studio.model.tally import binomial_two_sided, tally, wilson


def test_wilson_interval_matches_hand_computation() -> None:
    # p = 0.5, n = 20, z = 1.96: centre 0.5, half = 1.96/1.19207 * sqrt(0.0125 + 0.0024) = 0.2007.
    low, high = wilson(10, 20)
    assert low == pytest.approx(0.2993, abs=1e-4) and high == pytest.approx(0.7007, abs=1e-4)
    # No votes for a choice: the interval starts at 0 and is not empty (0 to 0.2775 at n = 10).
    low, high = wilson(0, 10)
    assert low == 0.0 and high == pytest.approx(0.2775, abs=1e-4)


def test_exact_binomial_test() -> None:
    assert binomial_two_sided(7, 3) == pytest.approx(0.34375)  # 2 * 176 / 1024
    assert binomial_two_sided(9, 1) == pytest.approx(0.021484375)  # 2 * 11 / 1024
    assert binomial_two_sided(5, 5) == 1.0


def test_a_clear_lead_is_settled_and_a_tie_is_not() -> None:
    settled = tally({"A": 9, "B": 1}, ["A", "B", "changes"])
    assert settled.settled and settled.votes_needed is None
    assert [s.choice for s in settled.shares] == ["A", "B", "changes"]
    tie = tally({"A": 4, "B": 4}, ["A", "B"])
    assert not tie.settled and tie.votes_needed is None and tie.p_value == 1.0


def test_votes_needed_at_the_same_shares() -> None:
    result = tally({"A": 6, "B": 4}, ["A", "B"])
    assert not result.settled
    # At 60/40 the lead becomes significant near 100 votes (60 to 40: p = 0.057; 61 to 41 at 102: p = 0.0497...).
    assert result.votes_needed is not None and 90 <= result.votes_needed <= 115
    n = result.votes_needed
    a, b = round(0.6 * n), round(0.4 * n)
    assert binomial_two_sided(a, b) < 0.05
