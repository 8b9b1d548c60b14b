"""A Presidio recognizer registry that hands out its recognizers in a fixed order.

Presidio's ``RecognizerRegistry.get_recognizers`` collects the recognizers for a request in a set,
so their order follows the objects' memory addresses and changes from run to run. The order
matters: when two recognizers return the same span with the same score (the gazetteer and the name
model on a well-known name, say), Presidio's de-duplication keeps the first, and that recognizer is
credited in the finding. ``OrderedRegistry`` returns them in the order they were registered, so the
same text gets the same findings, recognizer included, in every run.
"""

from __future__ import annotations

from presidio_analyzer import EntityRecognizer, RecognizerRegistry


class OrderedRegistry(RecognizerRegistry):
    def get_recognizers(self, *args, **kwargs) -> list[EntityRecognizer]:
        found = super().get_recognizers(*args, **kwargs)
        rank = {id(recognizer): n for n, recognizer in enumerate(self.recognizers)}
        return sorted(found, key=lambda recognizer: rank.get(id(recognizer), len(rank)))
