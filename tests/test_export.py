"""export_articles: every exercise out as Markdown, and back in without losing anything."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

import exercises.sections
from exercises.importers.mapping import article_from_exercise
from exercises.importers.source import parse_text
from exercises.importers.writer import write_markdown
from exercises.models import (
    BodyPart,
    Equipment,
    Exercise,
    Faq,
    Muscle,
    RecommendedEquipment,
    SetsReps,
    Step,
    Tip,
)
from exercises.sections import Section
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

SEED_FULL = Path(__file__).resolve().parent.parent.parent / "shared/seeds/001_1ad1e88cf912d712.txt"


def export(folder: Path) -> dict[str, bytes]:
    call_command("export_articles", str(folder), stdout=StringIO())
    files = sorted(path for path in folder.rglob("*") if path.is_file())
    return {str(path.relative_to(folder)): path.read_bytes() for path in files}


def import_folder(folder: Path) -> str:
    out = StringIO()
    call_command("import_articles", str(folder), stdout=out, stderr=StringIO())
    return out.getvalue()


def empty_the_database():
    Exercise.objects.all().delete()
    for model in (BodyPart, Muscle, Equipment):
        model.objects.all().delete()


def tricky_exercise() -> Exercise:
    """Everything an editor can set, including the awkward cases."""
    exercise = make_exercise(
        name="Thread the Needle: Kneeling",
        slug="thread-the-needle",
        status="draft",
        children=2,
        seo_title="Thread the Needle: Form, Sets & FAQ",
        meta_description="'Quoted' start, a colon: here, and “curly” quotes — plus a dash.",
        intro="First paragraph with **bold** and a [link](https://example.com/a).\r\n\r\n"
        "## Why it works\r\n\r\nA heading of the editor's own inside the intro.   \r\n"
        "- a list in the intro\n- second",
        difficulty="intermediate",
        difficulty_note="Intermediate: needs some shoulder range",
        setup_tip="Use a towel.\n\nA second paragraph in the tip.",
        execution_tip="Exhale: slowly.",
        equipment_tip="Keep it simple.",
        video_url="https://vimeo.com/76979871",
    )
    exercise.equipment.add(Equipment.objects.create(name="Resistance band"))
    exercise.secondary_muscles.add(Muscle.objects.create(name="obliques"))  # lower case kept
    SetsReps.objects.create(
        exercise=exercise, order=5, goal="Pipe | goal", sets="2–3", reps="20–30 s hold",
        guidance="",
    )  # fmt: skip
    Step.objects.create(exercise=exercise, order=1, phase="setup", label="Kneel",
                        text="Knees under hips.\nA second line.")  # fmt: skip
    Step.objects.create(exercise=exercise, order=2, phase="execution", label="",
                        text="**Bold start** without a label.")  # fmt: skip
    Step.objects.create(exercise=exercise, order=3, phase="execution", label="Note: colon",
                        text="Label with a colon.")  # fmt: skip
    # Interleaved kinds, and a "tip" that reads like a mistake: kinds must survive.
    Tip.objects.create(exercise=exercise, order=50, kind="tip", label="", text="Don't worry.")
    Tip.objects.create(exercise=exercise, order=51, kind="mistake", label="Rushing",
                       text="Slow down.")  # fmt: skip
    Tip.objects.create(exercise=exercise, order=52, kind="tip", label="Breathe", text="Out.")
    Faq.objects.create(exercise=exercise, order=7, question="Reworded question?",
                       answer="A list:\n\n- one\n- two", anchor="original-wording")  # fmt: skip
    Faq.objects.create(exercise=exercise, order=8, question="Question 0?", answer="Again.")
    band = Equipment.objects.get(name="Resistance band")
    RecommendedEquipment.objects.create(
        exercise=exercise, order=10, name="Foam roller", why="Loosens first.",
        url="https://a.example/r",
    )  # fmt: skip
    RecommendedEquipment.objects.create(exercise=exercise, order=11, equipment=band,
                                        name="Long band", why="")  # fmt: skip
    RecommendedEquipment.objects.create(exercise=exercise, order=12, equipment=band,
                                        url="https://shop.example/band")  # fmt: skip
    other = make_exercise(name="Cat-Cow", slug="cat-cow", children=0)
    variation = make_exercise(name="Seated Twist", slug="seated-twist", children=0)
    exercise.related.add(other)
    exercise.variations.add(variation)
    return exercise


def test_export_writes_every_exercise_including_drafts(tmp_path, exercise, draft):
    out = StringIO()
    call_command("export_articles", str(tmp_path / "out"), stdout=out)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "kneeling-back-stretch.md",
        "secret-draft-stretch.md",
    ]
    assert "Exported 2 exercises" in out.getvalue()
    text = (tmp_path / "out" / "secret-draft-stretch.md").read_text()
    assert text.startswith("---\nname: Secret Draft Stretch\nslug: secret-draft-stretch\n")
    assert "status: draft" in text


def test_export_import_export_is_byte_identical(tmp_path):
    tricky_exercise()
    first = export(tmp_path / "first")
    before = [article_from_exercise(e) for e in Exercise.objects.for_export()]

    empty_the_database()
    import_folder(tmp_path / "first")
    second = export(tmp_path / "second")

    assert first.keys() == second.keys() == {
        "cat-cow.md", "seated-twist.md", "thread-the-needle.md"
    }  # fmt: skip
    for name in first:
        assert first[name] == second[name], name
    after = [article_from_exercise(e) for e in Exercise.objects.for_export()]
    for old, new in zip(before, after, strict=True):
        assert [(t.kind, t.label, t.text) for t in old.tips] == [
            (t.kind, t.label, t.text) for t in new.tips
        ]
        assert [(f.question, f.anchor) for f in old.faqs] == [
            (f.question, f.anchor) for f in new.faqs
        ]
        assert [(r.name, r.entry, r.url) for r in old.recommended_equipment] == [
            (r.name, r.entry, r.url) for r in new.recommended_equipment
        ]
        assert (old.status, old.related, old.variations) == (
            new.status, new.related, new.variations
        )  # fmt: skip
        assert old.difficulty_note == new.difficulty_note
        assert old.setup_tip == new.setup_tip


def test_the_exported_file_reads_as_an_editor_would_expect(tmp_path):
    tricky_exercise()
    text = export(tmp_path)["thread-the-needle.md"].decode()
    assert "\r" not in text
    assert "| Pipe \\| goal | 2–3 | 20–30 s hold |  |" in text
    assert "3. **Kneel:** Knees under hips.\n   A second line." in text
    assert "\\**Bold start** without a label." in text
    assert "### Pro tips\n\n- Tip 0.\n- Tip 1.\n- Don't worry.\n\n### Common mistakes" in text
    assert "### Reworded question? {#original-wording}" in text
    assert "### Question 0?\n" in text  # the anchor the question gives goes without saying
    assert "### Question 0? {#question-0-2}" in text  # a repeated question needs its own
    assert "- [Foam roller](https://a.example/r) — Loosens first." in text
    assert "- Long band {equipment: Resistance band}" in text
    assert "- [Resistance band](https://shop.example/band) {equipment}" in text
    assert "Tip: Use a towel.\n\nA second paragraph in the tip." in text
    assert "related:\n- cat-cow\nvariations:\n- seated-twist\n---" in text


def test_reimporting_an_export_changes_nothing(tmp_path):
    tricky_exercise()
    export(tmp_path)
    out = import_folder(tmp_path)
    assert "0 created, 0 updated, 3 unchanged, 0 failed." in out


def test_the_writer_and_reader_agree_on_every_demo_exercise(tmp_path):
    call_command("load_demo_content", stdout=StringIO())
    for exercise in Exercise.objects.for_export():
        text = write_markdown(article_from_exercise(exercise))
        assert write_markdown(parse_text(text)) == text, exercise.slug


@pytest.mark.skipif(not SEED_FULL.exists(), reason="seed articles not present")
def test_a_seed_survives_import_export_import(tmp_path):
    call_command("import_articles", str(SEED_FULL), stdout=StringIO())
    first = export(tmp_path / "first")
    empty_the_database()
    import_folder(tmp_path / "first")
    assert export(tmp_path / "second") == first


def test_export_refuses_a_file_as_the_folder(tmp_path):
    from django.core.management import CommandError

    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("export_articles", str(target), stdout=StringIO())


# ----- a declared section without a form of its own ---------------------------------------


def with_sections(monkeypatch, replaced: str, *added: Section) -> None:
    """The declaration with one section replaced by others, as a new section type would be
    declared: nothing else is told about them."""
    changed = []
    for section in exercises.sections.SECTIONS:
        changed.extend(added if section.anchor == replaced else [section])
    monkeypatch.setattr(exercises.sections, "SECTIONS", tuple(changed))


def test_sections_without_a_form_of_their_own_round_trip_as_tables(tmp_path, monkeypatch):
    with_sections(
        monkeypatch,
        "tips",
        Section("cues", "Coaching Cues", rows="tips", only=("kind", Tip.Kind.TIP)),
        Section("faults", "Faults", rows="tips", only=("kind", Tip.Kind.MISTAKE)),
    )
    exercise = tricky_exercise()
    Tip.objects.create(exercise=exercise, order=53, kind=Tip.Kind.TIP, label="Two lines",
                       text="First | with a pipe.\nSecond line.")  # fmt: skip
    first = export(tmp_path / "first")
    text = first["thread-the-needle.md"].decode()
    assert "## Coaching Cues\n\n| Label | Text |\n|---|---|\n|  | Tip 0. |\n" in text
    assert "| Breathe | Out. |\n| Two lines | First \\| with a pipe.<br>Second line. |" in text
    assert "## Faults\n\n| Label | Text |\n|---|---|\n| Rushing | Slow down. |\n" in text
    assert "Pro Tips" not in text

    empty_the_database()
    import_folder(tmp_path / "first")
    assert export(tmp_path / "second") == first
    tips = Exercise.objects.get(slug="thread-the-needle").tips.all()
    assert [(t.kind, t.label, t.text) for t in tips if t.label == "Two lines"] == [
        (Tip.Kind.TIP, "Two lines", "First | with a pipe.\nSecond line.")
    ]
    assert "0 created, 0 updated, 3 unchanged" in import_folder(tmp_path / "first")


def test_a_table_links_rows_to_entries_by_name_and_creates_new_ones(tmp_path, monkeypatch):
    with_sections(
        monkeypatch,
        "equipment",
        Section("gear", "Gear to Bring", rows="recommended_equipment", note="equipment_tip"),
    )
    tricky_exercise()
    first = export(tmp_path / "first")
    text = first["thread-the-needle.md"].decode()
    assert (
        "## Gear to Bring\n\n| Equipment | Name | Why it helps | Link |\n|---|---|---|---|\n"
        "| Exercise mat |  | Cushions the knees. |  |\n"
    ) in text
    assert (
        "|  | Foam roller | Loosens first. | https://a.example/r |\n"
        "| Resistance band | Long band |  |  |\n"
        "| Resistance band |  |  | https://shop.example/band |\n\nTip: Keep it simple.\n"
    ) in text

    empty_the_database()
    import_folder(tmp_path / "first")
    assert export(tmp_path / "second") == first
    band = Equipment.objects.get(name="Resistance band")
    assert RecommendedEquipment.objects.filter(equipment=band).count() == 2

    edited = text.replace("| Resistance band | Long band |", "| Wobble cushion | Long band |")
    (tmp_path / "first" / "thread-the-needle.md").write_text(edited)
    out = import_folder(tmp_path / "first")
    assert "added new equipment “Wobble cushion”" in out
    assert "updated 'thread-the-needle'" in out and "Gear to Bring" in out
    assert RecommendedEquipment.objects.filter(equipment__name="Wobble cushion").count() == 1


# ----- images travel with their articles ------------------------------------------------


def camera_photo() -> bytes:
    import io

    from PIL import Image

    picture = Image.linear_gradient("L").resize((900, 600)).convert("RGB")
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # a GPS position
    output = io.BytesIO()
    picture.save(output, "JPEG", exif=exif.tobytes())
    return output.getvalue()


IMAGES_ARTICLE = """---
name: Pictured Stretch
status: {status}
---

## Setup

1. Kneel.
2. Reach.

## Images

- ![Kneeling \\[side view\\]]({lead})
  Caption: Start here.
  Credit: Jane Doe
  Licence: CC BY 4.0
  Source: https://example.com/photo
- ![{alt}](pictured/reach.png)
  Step: Setup 2
"""


def write_article(folder: Path, *, lead="pictured/photo.jpg", alt="Reaching forward",
                  status="published") -> Path:  # fmt: skip
    from PIL import Image

    (folder / "pictured").mkdir(parents=True, exist_ok=True)
    (folder / "pictured" / "photo.jpg").write_bytes(camera_photo())
    Image.new("RGB", (400, 300), "teal").save(folder / "pictured" / "reach.png")
    path = folder / "pictured-stretch.md"
    path.write_text(IMAGES_ARTICLE.format(lead=lead, alt=alt, status=status))
    return path


def import_errors(folder: Path) -> str:
    from django.core.management import CommandError

    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_articles", str(folder), stdout=StringIO(), stderr=err)
    return err.getvalue()


def test_images_export_import_export_identically_and_lose_their_gps(tmp_path):
    write_article(tmp_path / "source")
    import_folder(tmp_path / "source")
    exercise = Exercise.objects.get(slug="pictured-stretch")
    lead, step_image = exercise.images.select_related("step").order_by("order")
    assert (lead.step, step_image.step.text) == (None, "Reach.")
    assert (lead.credit, lead.licence, lead.alt) == (
        "Jane Doe",
        "cc-by-4.0",
        "Kneeling [side view]",
    )

    first = export(tmp_path / "first")
    assert set(first) == {
        "pictured-stretch.md", "pictured-stretch/lead.jpg", "pictured-stretch/setup-2.png"
    }  # fmt: skip
    assert b"GPS" not in first["pictured-stretch/lead.jpg"]
    text = (tmp_path / "first" / "pictured-stretch.md").read_text()
    assert (
        "- ![Kneeling \\[side view\\]](pictured-stretch/lead.jpg)\n  Caption: Start here." in text
    )
    assert "  Step: Setup 2\n" in text

    empty_the_database()
    import_folder(tmp_path / "first")
    assert export(tmp_path / "second") == first
    # Importing the same files again changes nothing.
    assert "unchanged 'pictured-stretch'" in import_folder(tmp_path / "first")


@pytest.mark.parametrize(
    ("lead", "write", "message"),
    [
        ("pictured/missing.jpg", None, "The image file “pictured/missing.jpg” is missing"),
        ("pictured/broken.jpg", b"\xff\xd8\xff not a jpeg", "cannot be used"),
        ("pictured/evil.svg", b"<svg><script/></svg>", "SVG is not accepted"),
        ("../outside.jpg", None, "relative to the article's folder"),
    ],
)
def test_a_missing_or_broken_image_fails_its_article_and_saves_nothing(
    tmp_path, lead, write, message
):
    path = write_article(tmp_path, lead=lead)
    if write is not None:
        (tmp_path / lead).write_bytes(write)
    make_exercise(name="Other", slug="other", children=0)
    errors = import_errors(tmp_path)
    assert f"{path}:" in errors and message in errors
    assert not Exercise.objects.filter(slug="pictured-stretch").exists()


def test_a_published_article_needs_alt_text_on_its_images(tmp_path):
    write_article(tmp_path, alt="")
    errors = import_errors(tmp_path)
    assert "without alt text cannot be published" in errors
    assert not Exercise.objects.exists()
    write_article(tmp_path, alt="", status="draft")
    import_folder(tmp_path)
    assert Exercise.objects.get().images.count() == 2


def test_an_image_for_a_step_the_article_lacks_is_an_error(tmp_path):
    path = write_article(tmp_path)
    path.write_text(path.read_text().replace("Step: Setup 2", "Step: Execution 4"))
    assert "which the article does not have" in import_errors(tmp_path)
