"""Skips chained along a row of the segment search: what the chaining finds is the cheapest way there."""

import numpy as np
import pytest

from companion.align.skips import SKIP_RUN, SkipCosts, skip_backward, skip_forward

PER, OPEN, EACH = 6.5, 8.0, 2.0


def cheapest_forward(row: np.ndarray) -> np.ndarray:
    """By brute force: reach each position on its own cost, one skipped segment after the position before, or a
    run of two or more skipped at once after an earlier one."""
    out = row.copy()
    for k in range(1, len(row)):
        out[k] = min([out[k], out[k - 1] + PER] + [out[q] + OPEN + EACH * (k - q) for q in range(k - 1)])
    return out


@pytest.mark.parametrize("seed", range(20))
def test_runs_skipped_at_once_chain_to_the_cheapest_cost_and_trace_back_to_it(seed):
    rng = np.random.default_rng(seed)
    row = rng.uniform(0.0, 40.0, 30) + np.where(rng.random(30) < 0.3, np.inf, 0.0)
    row[0] = rng.uniform(0.0, 5.0)
    js = np.arange(30) + 500  # a row far into the episode
    skips = SkipCosts(PER, PER, np.zeros(531, dtype=int), OPEN, EACH)
    never = np.full(531, np.inf)  # no whole sentence to skip
    forward, code = row.copy(), np.full(30, -1, dtype=np.int16)
    skip_forward(forward, code, js, skips, never, np.full(531, -1))
    assert forward == pytest.approx(cheapest_forward(row))
    for k in range(30):  # the back codes rebuild each position's cost
        p, total = k, 0.0
        while code[p] == 0 or code[p] >= SKIP_RUN:
            length = 1 if code[p] == 0 else int(code[p]) - SKIP_RUN
            total += PER if code[p] == 0 else OPEN + EACH * length
            p -= length
        assert row[p] + total == pytest.approx(forward[k])
    backward = row.copy()
    skip_backward(backward, js, skips, never, np.full(531, -1))
    assert backward == pytest.approx(cheapest_forward(row[::-1])[::-1])


def test_without_a_run_cost_only_single_skips_chain():
    row = np.array([0.0, 50.0, 50.0, 50.0, 50.0])
    forward, code = row.copy(), np.full(5, -1, dtype=np.int16)
    skip_forward(forward, code, np.arange(5), SkipCosts(PER, PER, np.zeros(6, dtype=int)), np.full(6, np.inf),
                 np.full(6, -1))
    assert forward == pytest.approx(PER * np.arange(5))
