"""The vocabulary of the field is present: every notion the issues list, by term or alias."""

from __future__ import annotations

import re

import pytest

import mesakb

# Notions of Risks from Learned Optimization that once lived only inside other entries,
# or were missing (issue 15), and the central concepts of the later literature.
PAPER = (
    "task restriction",
    "human modeling",
    "statefulness",
    "hard-coded optimization",
    "information funnel",
    "subprocess interdependence",
    "minimal circuit conjecture",
    "crystallization",
    "modeling vs internalization",
    "compression of the mesa-optimizer",
    "proxy choice as pre-computation",
    "conditions for deceptive alignment",
    "gradient hacking",
    "internals-based selection",
    "adversarial Goodhart",
    "joint optimization",
    "pure deception",
    "cross-episodic state",
    "successor agents",
    "interpretability",
    "transparency",
    "verification",
)
LATER = (
    "path dependence",
    "speed bias",
    "simplicity bias",
    "counting argument",
    "counting arguments provide no evidence for scheming",
    "scheming",
    "situational awareness",
    "sleeper agent",
    "alignment faking",
    "sandbagging",
    "exploration hacking",
    "shard theory",
    "reward is not the optimization target",
    "myopia",
    "relaxed adversarial training",
    "interpretability-based detection",
    "learned in-context optimization",
    "specification gaming",
    "reward hacking",
    "Goodhart's law",
    "goal misgeneralization",
    "inner alignment",
    "deceptive alignment",
    "mesa-optimizer",
)


def _norm(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", label.casefold().replace("'", "")).strip()


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    kb = mesakb.load()
    return {_norm(label): c.id for c in kb if c.status != "deprecated" for label in c.labels}


@pytest.mark.parametrize("notion", PAPER + LATER)
def test_notion_has_an_entry_by_term_or_alias(labels: dict[str, str], notion: str) -> None:
    norm = _norm(notion)
    found = labels.get(norm) or labels.get(norm.removesuffix("s")) or labels.get(norm + "s")
    assert found, f"no concept has the term or alias {notion!r}"


def test_at_least_130_concepts() -> None:
    assert len(mesakb.load()) >= 130
