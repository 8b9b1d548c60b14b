"""Presidio's own Swedish recognizers are a baseline to test against, never used in the product."""

import pytest
from presidio_analyzer.predefined_recognizers.country_specific.sweden import (
    SePersonnummerRecognizer as PresidioPersonnummer,
)

from recognizers import SePersonnummerRecognizer
from tests.recognizers.helpers import found


def baseline_found(text):
    results = PresidioPersonnummer().analyze(text, ["SE_PERSONNUMMER"])
    return [text[r.start : r.end] for r in results if r.score >= 0.4]


@pytest.mark.parametrize(
    "text, ours",
    [
        ("Pnr 811218-9876", ["811218-9876"]),  # both find the plain case
        ("Pnr 811218-\n9876", ["811218-\n9876"]),  # line break in a PDF: baseline misses it
        ("Pnr 811218 9876", ["811218 9876"]),  # space separator: baseline misses it
        ("Leap 000229+2399", []),  # 1900 had no 29 February: baseline accepts it
    ],
)
def test_ours_against_baseline(text, ours):
    assert found(SePersonnummerRecognizer(), text) == ours


def test_baseline_misses_what_ours_finds():
    missed_by_baseline = [t for t in ("Pnr 811218-\n9876", "Pnr 811218 9876") if not baseline_found(t)]
    assert missed_by_baseline
    assert all(found(SePersonnummerRecognizer(), t) for t in missed_by_baseline)


def test_product_never_loads_presidio_predefined_recognizers():
    from app.analysis.config import load_analysis_config

    names = {type(r).__module__ for r in load_analysis_config().build_recognizers()}
    assert all(name.startswith("recognizers.") for name in names)
