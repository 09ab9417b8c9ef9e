"""Words that mean the same to readers, maintained by editors and applied by the search."""

import re

from django.core.exceptions import ValidationError
from django.db import models

_SEPARATORS = re.compile(r"\s*[,=;\n]\s*")


class Synonym(models.Model):
    terms = models.CharField(
        max_length=500,
        unique=True,
        help_text="Words or phrases that mean the same thing to a reader, separated by commas, "
        "e.g. 'low back, lower back, lumbar'. A search for any of them finds all of them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["terms"]
        verbose_name = "search synonym"

    def __str__(self):
        return self.terms

    def clean(self):
        self.terms = ", ".join(self.term_list)
        if len(self.term_list) < 2:
            raise ValidationError(
                {"terms": "Give at least two words or phrases, separated by commas."}
            )

    @property
    def term_list(self) -> list[str]:
        """The terms, lower-cased, without blanks or repeats, in the editor's order."""
        terms = (" ".join(t.split()).lower() for t in _SEPARATORS.split(self.terms or ""))
        return list(dict.fromkeys(t for t in terms if t))
