"""LongTextMemo: a function of long texts remembered within a budget; the results are the function's."""

from __future__ import annotations

from app.verify.normalize import LongTextMemo


def test_long_texts_are_remembered_and_short_ones_computed_each_time() -> None:
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo = LongTextMemo(upper, min_chars=10, budget_chars=1_000)
    long, short = "anna svensson " * 2, "anna"
    assert [memo(long), memo(long), memo(short), memo(short)] == [long.upper(), long.upper(), "ANNA", "ANNA"]
    assert calls == [long, short, short]


def test_the_budget_drops_the_least_recently_used_and_skips_texts_too_large() -> None:
    memo = LongTextMemo(str.upper, min_chars=1, budget_chars=400)  # a 50-character text costs 100
    texts = [f"{n:02d}" * 25 for n in range(5)]
    for text in texts:
        memo(text)
    memo(texts[1])  # used again: now the most recent
    memo("x" * 60)  # costs 120: more than a quarter of the budget, not kept
    assert list(memo._entries) == [texts[2], texts[3], texts[4], texts[1]]
    assert memo._chars == 400
