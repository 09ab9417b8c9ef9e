"""Length limits for long text, written for editors.

A TextField's max_length is only checked by forms (and shown as the textarea's maxlength);
`limited(n)` adds the same check to the model's own validation, which the importers use.
"""

from django.core.validators import MaxLengthValidator

INTRO_LENGTH = 20_000  # a whole guide's opening paragraphs
ANSWER_LENGTH = 10_000  # one FAQ answer
ITEM_LENGTH = 2_000  # one step, tip, note or description


def limited(length: int) -> dict:
    """Keyword arguments for a TextField of at most `length` characters."""
    return {"max_length": length, "validators": [MaxLengthValidator(length)]}
