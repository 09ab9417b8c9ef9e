"""The exercise page's sections, declared once, in the order readers see them.

Everything that deals with sections follows this list instead of naming them again:

- the page: its table of contents and body (`exercises.page.ExercisePage`, which loops over
  `SECTIONS` and draws each with `templates/exercises/sections/<anchor>.html`);
- the detail query's prefetching (`ExerciseQuerySet.for_detail_page`);
- the JSON API's keys (`exercises.api`);
- what a revision of an exercise carries (`exercises.revisions`) and which saves retire
  cached pages (`exercises.signals`);
- the headings the importer recognises and the exporter writes (`exercises.importers`).

Adding a kind of section takes its model (with `exercise` and `order`) and migration, its
admin inline, one `Section` here and one template; see docs/architecture.md.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .alternatives import suggested_instead
from .models import Alternative, Exercise, Step, Tip


@dataclass(frozen=True)
class Section:
    """One section of the exercise page.

    A section shows the exercise's ordered `rows` (a reverse foreign key, optionally only
    those whose `only` field has one of the given values) and, closing it, the exercise
    field `note`. It appears on the page, and in its contents, only when it has something
    to show. A section that `shows` more than its rows (suggestions worked out from other
    exercises) names the function that works it out from the exercise and its rows.

    A section that is not `on_page` has no place of its own in the page's body and
    contents: other parts of the page draw its rows (the images: the lead image at the top,
    a step's picture beside the step). Everything else follows it as any section.
    """

    anchor: str  # the page's #anchor; the template is sections/<anchor>.html
    title: str | Callable[[list], str]  # what readers see; a function of the rows if it varies
    rows: str = ""  # Exercise's related name for the section's rows
    # (field, value) or (field, (value, ...)): rows of one kind, or of a few kinds, only
    only: tuple[str, str | tuple[str, ...]] | None = None
    note: str = ""  # an Exercise text field shown as a call-out at the end
    api_key: str = ""  # the rows' key in the JSON API; the note keeps its field name
    heading: str = ""  # the heading in exported Markdown files; the title if blank
    # Other headings the importer takes for this section: a regular expression matched
    # against the whole normalised heading (lower case, words only, '&' read as 'and').
    aliases: str = ""
    always: bool = False  # shown even when empty (the overview reads the exercise itself)
    on_page: bool = True  # False: drawn by other parts of the page, not as a section
    shows: Callable[[Exercise, list], list] | None = None  # see above

    @property
    def template(self) -> str:
        return f"exercises/sections/{self.anchor}.html"

    @property
    def file_heading(self) -> str:
        return self.heading or self.title

    def rows_of(self, exercise: Exercise) -> list:
        """The exercise's rows for this section, from the prefetched related manager."""
        if not self.rows:
            return []
        return [row for row in getattr(exercise, self.rows).all() if self.picks(row)]

    def picks(self, row) -> bool:
        """Whether a row of the section's relation belongs to this section."""
        if not self.only:
            return True
        field, values = self.only
        return getattr(row, field) in (values if isinstance(values, tuple) else (values,))

    @property
    def fixed(self) -> tuple[str, str] | None:
        """(field, value) when all the section's rows have the same value in a field (a
        step's phase), which then goes without saying in files and forms."""
        if self.only and not isinstance(self.only[1], tuple):
            return self.only
        return None

    def title_for(self, rows: list) -> str:
        return self.title(rows) if callable(self.title) else self.title


def tips_title(rows: list) -> str:
    # As the source articles do: "Pro Tips & Common Mistakes", or "Tips & Tricks" when the
    # section has no mistakes.
    if any(row.kind == Tip.Kind.MISTAKE for row in rows):
        return "Pro Tips & Common Mistakes"
    return "Tips & Tricks"


SECTIONS: tuple[Section, ...] = (
    Section(
        "overview",
        "Quick Overview",
        always=True,
        aliases=r"(quick |exercise )?(overview|profile|facts|details)|at a glance"
        r"|(quick|key) (facts|info)|the basics",
    ),
    Section(
        "sets-reps",
        "Sets & Reps by Goal",
        rows="sets_reps",
        note="progression_rule",
        api_key="sets_reps",
        heading="Sets & Reps",
        aliases=r"(recommended |suggested )?(sets and reps|reps and sets|sets reps|sets and "
        r"repetitions|sets)( by goal)?|how many (sets and reps|reps)|programming"
        r"|dosage|volume",
    ),
    Section(
        "setup",
        "Setup / Starting Position",
        rows="steps",
        only=("phase", Step.Phase.SETUP),
        note="setup_tip",
        api_key="setup",
        heading="Setup",
        aliases=r"(the )?(setup|set up|starting position|start position|setup starting "
        r"position|setup and starting position|getting into position|preparation|positioning"
        r"|how to set up|get into position)",
    ),
    Section(
        "execution",
        "Execution, Step by Step",
        rows="steps",
        only=("phase", Step.Phase.EXECUTION),
        note="execution_tip",
        api_key="execution",
        heading="Execution",
        aliases=r"(the )?(execution|how to do it|how to perform it|how to do this( exercise| "
        r"stretch)?|how to do the .+|how to perform the .+|how to|instructions"
        r"|step by step( instructions| guide)?|steps|the steps|movement|technique"
        r"|proper form|form and technique|performing the (exercise|stretch))",
    ),
    Section(
        "tips",
        tips_title,
        rows="tips",
        api_key="tips",
        heading="Pro Tips & Common Mistakes",
        aliases=r"(pro |coaching |form |expert |helpful |quick )?(tips|cues)( and tricks)?"
        r"|(pro )?tips and (common )?mistakes|tips and tricks|tips and (common )?errors"
        r"|coaching cues|form cues|tips for (better|proper) form"
        # A section of mistakes alone is read into the same rows, as mistakes.
        r"|(common |frequent |typical )?(mistakes|errors)( to avoid)?|what to avoid"
        r"|avoid these mistakes|things to avoid",
    ),
    Section(
        "easier-harder",
        "Easier and Harder",
        rows="alternatives",
        only=("kind", (Alternative.Kind.EASIER, Alternative.Kind.HARDER)),
        api_key="easier_harder",
        # Only headings that say both ways: a copied "Progressions" list is prose, kept.
        aliases=r"(easier and harder|harder and easier)( versions| variations| options)?"
        r"|make it easier or harder",
    ),
    Section(
        "try-instead",
        "No Equipment? Try Instead",
        rows="alternatives",
        only=("kind", (Alternative.Kind.INSTEAD, Alternative.Kind.NEVER)),
        shows=suggested_instead,
        api_key="try_instead",
        heading="Try Instead",
        aliases=r"(no equipment )?(try|do) (this |these )?instead",
    ),
    Section(
        "faq",
        "FAQ",
        rows="faqs",
        api_key="faqs",
        aliases=r"(faq|faqs|frequently asked questions|common questions|questions|questions "
        r"and answers|q and a|qa)( about [a-z0-9 ]{1,40})?|(?:[a-z0-9]+ ){1,4}faqs?",
    ),
    Section(
        "equipment",
        "Recommended Equipment",
        rows="recommended_equipment",
        note="equipment_tip",
        api_key="recommended_equipment",
        aliases=r"(recommended |suggested |optional |helpful )?(equipment|gear|tools|kit)"
        r"( needed| optional| you need)?|what you need|what you ll need|you ll need"
        r"|you will need|things you need",
    ),
    # The lead image and the steps' pictures (exercises.models.media), drawn at the top of
    # the page and beside their steps; in files, listed last with their credits.
    Section(
        "images",
        "Images",
        rows="images",
        api_key="images",
        aliases=r"(images|pictures|photos|illustrations)",
        on_page=False,
    ),
)


def row_models() -> list[type]:
    """The models whose rows make up sections, each once, in page order."""
    models = []
    for section in SECTIONS:
        if section.rows:
            model = Exercise._meta.get_field(section.rows).related_model
            if model not in models:
                models.append(model)
    return models


def row_relations() -> list[str]:
    """Exercise's related names for those rows, each once, in page order."""
    return list(dict.fromkeys(section.rows for section in SECTIONS if section.rows))


def row_queryset(relation: str):
    """How a section's rows are read: in the editors' order, with the entries they link to
    (an equipment entry, say) in the same query."""
    reverse = Exercise._meta.get_field(relation)
    model, parent = reverse.related_model, reverse.field
    linked = [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field is not parent
    ]
    rows = model.objects.order_by("order", "pk")
    # Only when there is one: select_related() with no names follows every foreign key.
    return rows.select_related(*linked) if linked else rows
