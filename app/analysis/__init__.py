"""Analysis: finds personal data in extracted documents with Presidio and Skymma's recognizers.

Public API: ``Analyzer`` (``from_settings``, ``analyze``, ``analyze_text``) and ``AnalysisIncomplete``.
"""

from app.analysis.engine import Analyzer
from app.analysis.errors import AnalysisIncomplete, RecognizerFailure

__all__ = ["AnalysisIncomplete", "Analyzer", "RecognizerFailure"]
