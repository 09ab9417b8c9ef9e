"""import_articles: both formats, the seed articles, saving, and every failure case."""

import random
import threading
from contextlib import suppress
from dataclasses import replace
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from reversion.models import Version

from exercises.importers.errors import ArticleError
from exercises.importers.grammar import classify_heading, is_mistake, split_label
from exercises.importers.save import save_article
from exercises.importers.source import decode, parse_text, read_file
from exercises.models import BodyPart, Equipment, Exercise, Faq, Muscle
from tests.factories import make_exercise

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures" / "articles"
SEEDS = REPO.parent / "shared" / "seeds"
SEED_FULL = SEEDS / "001_1ad1e88cf912d712.txt"
SEED_PLAIN = SEEDS / "000_7895c610c0284f7d.txt"
needs_seeds = pytest.mark.skipif(
    not (SEED_FULL.exists() and SEED_PLAIN.exists()), reason="seed articles not present"
)


def run_import(*args, expect_failure=False):
    out, err = StringIO(), StringIO()
    args = [str(a) for a in args]
    if expect_failure:
        with pytest.raises(CommandError) as failure:
            call_command("import_articles", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue(), str(failure.value)
    call_command("import_articles", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue(), ""


def write(tmp_path, name, content) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


# ----- the seed articles ----------------------------------------------------------------


@needs_seeds
def test_seed_with_every_section_is_read_section_by_section():
    article = read_file(SEED_FULL)
    assert article.format == "web copy"
    assert article.name == "Dynamic Back Stretch"
    # Compared with the seed's own heading line rather than a copy of it in our code.
    headline = next(line for line in SEED_FULL.read_text().splitlines() if ": Proper" in line)
    assert article.seo_title == headline.strip()
    assert article.seo_title.startswith("Dynamic Back Stretch: ")
    assert article.meta_description.startswith("Learn how to do the Dynamic Back Stretch")
    assert article.intro.startswith("This exercise works best when you stay relaxed")
    assert "\n" not in article.intro  # one paragraph
    assert article.body_part == "Back"
    assert article.primary_muscles == ["Latissimus dorsi", "Erector spinae"]
    assert article.secondary_muscles == [
        "Rhomboids",
        "Mid/lower trapezius",
        "Rear shoulder stabilizers",
        "Deep core stabilizers",
    ]
    assert article.equipment == []
    assert article.optional_equipment == ["Exercise mat", "Knee pad", "Yoga block",
                                          "Stretching strap"]  # fmt: skip
    assert article.difficulty == "beginner"
    assert article.difficulty_note.startswith("Beginner: easy to learn")
    assert [(s.goal, s.sets, s.reps) for s in article.sets_reps] == [
        ("Warm-up before training", "1–2", "8–12"),
        ("Daily mobility work", "2–3", "10–15"),
        ("Recovery / stiffness relief", "2–4", "6–10"),
        ("Desk-break reset", "1–2 easy", "6–8"),
    ]
    assert article.sets_reps[0].guidance == "Slow, controlled movement"
    assert article.sets_reps[2].guidance == "3–5 second holds"
    assert article.progression_rule.startswith("Increase control, pause time")
    assert [s.label for s in article.setup_steps] == [
        "Start on the floor",
        "Reach the arms forward",
        "Set the torso",
        "Create a stable base",
        "Start tall and neutral",
    ]
    assert article.setup_tip.startswith("If kneeling feels uncomfortable")
    assert len(article.execution_steps) == 6
    assert article.execution_steps[3].label == "Pause briefly"
    assert article.execution_steps[3].text.startswith("Hold the end position for 1–3 seconds")
    assert article.execution_tip == ""
    assert [(t.kind, t.label) for t in article.tips] == [
        ("tip", "Use the arms actively"),
        ("tip", "Move from the hips too"),
        ("tip", "Stay relaxed through the neck"),  # its text says "Avoid", its label does not
        ("mistake", "Do not force depth"),
        ("mistake", "Avoid rushing"),
        ("mistake", "Do not shrug the shoulders"),
        ("tip", "Use it strategically"),
    ]
    assert [f.question for f in article.faqs] == [
        "Where should I feel the Dynamic Back Stretch?",
        "Is this exercise good before a back workout?",
        "Can beginners do this stretch safely?",
        "Should I hold the stretch or keep it moving?",
        "What if my knees hurt in the kneeling position?",
    ]
    assert article.faqs[2].answer.startswith("In most cases, yes.")
    assert [(e.name, e.why[:20]) for e in article.recommended_equipment] == [
        ("Thick Exercise Mat", "Adds cushioning for "),
        ("Foam Roller", "Useful before or aft"),
        ("Stretching Strap with Loops", "Helpful for adding e"),
        ("Exercise Knee Pad", "Improves comfort in "),
        ("Yoga Blocks", "Useful for support, "),
    ]
    assert article.equipment_tip.startswith("Optional equipment should improve comfort")
    assert article.notices == []


@needs_seeds
def test_seed_with_every_section_is_saved_as_a_structured_draft():
    out, err, _ = run_import(SEED_FULL)
    assert err == ""
    exercise = Exercise.objects.get(slug="dynamic-back-stretch")
    assert exercise.status == "draft"
    assert exercise.body_part.name == "Back"
    assert exercise.sets_reps.count() == 4
    assert exercise.steps.filter(phase="setup").count() == 5
    assert exercise.steps.filter(phase="execution").count() == 6
    assert exercise.tips.filter(kind="mistake").count() == 3
    assert list(exercise.faqs.values_list("anchor", flat=True))[0] == (
        "where-should-i-feel-the-dynamic-back-stretch"
    )
    assert exercise.recommended_equipment.count() == 5
    assert "created 'dynamic-back-stretch' (draft)" in out


@needs_seeds
def test_seed_without_section_titles_reads_its_untitled_list_as_steps():
    article = read_file(SEED_PLAIN)
    assert article.name == "Dynamic Back Stretch"
    assert article.seo_title == ""
    assert article.intro.startswith("The Dynamic Back Stretch is a fantastic exercise")
    assert len(article.execution_steps) == 6
    assert article.execution_steps[0].text.startswith("Stand with your feet shoulder-width")
    assert len(article.tips) == 10
    assert all(tip.kind == "tip" for tip in article.tips)
    assert [n.line for n in article.notices] == [6]


@needs_seeds
def test_the_two_seeds_describe_one_exercise_and_update_it():
    run_import(SEED_PLAIN)
    out, _, _ = run_import(SEED_FULL)
    assert Exercise.objects.count() == 1
    assert "updated 'dynamic-back-stretch'" in out
    assert "FAQ (0 → 5)" in out


# ----- our sample articles --------------------------------------------------------------


def test_web_copy_with_every_section():
    article = read_file(FIXTURES / "thread-the-needle.txt")
    assert article.name == "Thread the Needle"
    assert article.seo_title.startswith("Thread the Needle: Proper Form")
    assert article.meta_description.startswith("A floor-based rotation drill")
    assert article.intro.count("\n\n") == 1  # two paragraphs
    assert article.body_part == "Upper back"
    assert article.optional_equipment == ["Exercise mat", "Folded towel"]
    assert [(s.sets, s.reps) for s in article.sets_reps] == [
        ("1", "6–8 per side"),
        ("2", "8 per side"),
        ("2–3", "20–30 s hold each side"),
    ]
    assert [s.label for s in article.setup_steps] == ["On all fours", "Long neck", "Quiet hips"]
    assert article.setup_tip.startswith("A folded towel")
    assert [s.label for s in article.execution_steps][0] == "Reach up"
    assert article.execution_tip.startswith("Keep most of your weight")
    assert [t.kind for t in article.tips] == ["tip", "tip", "mistake", "mistake", "mistake", "tip"]
    assert len(article.faqs) == 3
    assert [e.name for e in article.recommended_equipment] == [
        "Exercise mat",
        "Folded towel",
        "Yoga block",
    ]
    assert article.equipment_tip.startswith("Any gear should")
    assert article.notices == []


def test_steps_and_tips_only_article():
    article = read_file(FIXTURES / "seated-neck-stretch.txt")
    assert article.name == "Seated Neck Side Stretch"
    assert article.sets_reps == [] and article.faqs == [] and article.setup_steps == []
    assert len(article.execution_steps) == 5
    assert [t.kind for t in article.tips] == ["tip", "mistake", "tip", "mistake"]
    run_import(FIXTURES / "seated-neck-stretch.txt")
    exercise = Exercise.objects.get(slug="seated-neck-side-stretch")
    assert exercise.steps.count() == 5 and exercise.tips.count() == 4
    assert exercise.body_part is None


def test_markdown_with_variant_headings_and_numbered_lists():
    article = read_file(FIXTURES / "childs-pose-side-reach.md")
    assert article.format == "markdown"
    assert article.name == "Child's Pose with Side Reach"
    assert article.intro.startswith("Child's pose is already")
    assert "*long*" in article.intro  # Markdown kept
    assert article.primary_muscles == ["Latissimus dorsi", "Quadratus lumborum"]
    assert article.difficulty == "beginner"
    assert [(s.goal, s.sets, s.reps) for s in article.sets_reps] == [
        ("Cool-down", "2", "30 s hold each side"),
        ("Rest day mobility", "3", "4 breaths per side"),
    ]
    assert article.progression_rule.startswith("Hold a little longer")
    assert [(s.label, s.text) for s in article.setup_steps] == [
        ("Kneel", "Sit back on your heels with the knees a little wider than the hips."),
        (
            "Fold forward",
            "Walk the hands out in front of you until the forehead\nrests on the mat.",
        ),
    ]
    assert len(article.execution_steps) == 3
    assert article.execution_steps[0].text.endswith("left side of\nyour back.")
    assert article.execution_tip == "Keep your hips heavy on your heels the whole time."
    assert [(t.kind, t.label) for t in article.tips] == [
        ("mistake", "Lifting the hips"),
        ("mistake", ""),
    ]
    assert [f.question for f in article.faqs] == [
        "Why do I feel it in my hip?",
        "Can I do it with sore knees?",
    ]
    assert article.faqs[1].answer.endswith("try a standing side bend instead.")
    assert article.recommended_equipment[0].name == "Exercise mat"
    assert article.recommended_equipment[0].entry is None
    assert article.related == ["thread-the-needle"]


# ----- the shared vocabulary ------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "section"),
    [
        ("Quick Overview", "overview"),
        ("At a Glance", "overview"),
        ("Sets & Reps (By Goal)", "sets-reps"),
        ("## How Many Sets and Reps", "sets-reps"),
        ("Setup / Starting Position", "setup"),
        ("Starting Position:", "setup"),
        ("Execution (Step-by-Step)", "execution"),
        ("How to Do It", "execution"),
        ("Instructions", "execution"),
        ("Steps", "execution"),
        ("**How to Do the Cat-Cow**", "execution"),
        ("Pro Tips & Common Mistakes", "tips"),
        ("Tips & Tricks", "tips"),
        ("Common Mistakes", "tips: mistakes only"),
        ("Mistakes to Avoid", "tips: mistakes only"),
        ("FAQ", "faq"),
        ("Frequently Asked Questions", "faq"),
        ("Cat-Cow FAQ", "faq"),
        ("Recommended Equipment (Optional)", "equipment"),
        ("Equipment", "equipment"),
        ("What You'll Need", "equipment"),
        ("Where should I feel the stretch?", None),
        ("Dynamic Back Stretch", None),
        ("Equipment: None", None),
        ("Benefits", "kept in the intro"),
        ("Summary", "kept in the intro"),
    ],
)
def test_section_titles_and_their_variants(title, section):
    found = classify_heading(title)
    if found is None:
        assert section is None
    elif found.section is None:
        assert section == "kept in the intro"
    else:
        assert found.section.anchor + (": mistakes only" if found.mistakes else "") == section


@pytest.mark.parametrize(
    ("label", "text", "mistake"),
    [
        ("", "Do not lock the knees.", True),
        ("", "Don't hold your breath.", True),
        ("", "Don’t rush.", True),
        ("", "Avoid arching the lower back.", True),
        ("", "Never bounce at the end.", True),
        ("", "Breathe out as you fold.", False),
        ("Stay relaxed", "Avoid lifting the chin.", False),
        ("Avoid rushing", "Fast reps are sloppy.", True),
    ],
)
def test_mixed_lists_are_classified_item_by_item(label, text, mistake):
    assert is_mistake(label, text) is mistake


@pytest.mark.parametrize(
    ("text", "plain", "expected"),
    [
        ("**Shift the hips back:** Sit toward the heels.", False, ("Shift the hips back",
                                                                    "Sit toward the heels.")),
        ("**Shift back**: Sit down.", False, ("Shift back", "Sit down.")),
        ("Shift the hips back: Sit toward the heels.", True, ("Shift the hips back",
                                                               "Sit toward the heels.")),
        ("Shift the hips back: Sit down.", False, ("", "Shift the hips back: Sit down.")),
        ("Hold it. Then: breathe.", True, ("", "Hold it. Then: breathe.")),
        ("Stand tall with your feet apart.", True, ("", "Stand tall with your feet apart.")),
    ],
)  # fmt: skip
def test_lead_labels(text, plain, expected):
    assert split_label(text, plain=plain) == expected


@pytest.mark.parametrize("bullet", ["•", "-", "*", "1.", "2)", "  •"])
def test_every_bullet_style_is_a_list_item(bullet):
    article = parse_text(f"Wall Angel\nInstructions\n{bullet} Press your back to the wall.\n")
    assert [s.text for s in article.execution_steps] == ["Press your back to the wall."]


def test_overview_as_label_lines_and_equipment_without_optional_items():
    article = parse_text(
        "Band Pull-Apart\nAt a Glance\nTarget area: Shoulders\nMuscles worked: rear delts, "
        "rhomboids\nEquipment: Resistance band\nLevel: Intermediate\n"
    )
    assert article.body_part == "Shoulders"
    assert article.primary_muscles == ["Rear delts", "Rhomboids"]
    assert article.equipment == ["Resistance band"]
    assert article.difficulty == "intermediate"


def test_faq_with_q_and_a_prefixes_and_multi_line_answers():
    article = parse_text(
        "Wall Angel\nFAQ\nQ: How slow should I go?\nA: Slower than you think.\n"
        "Count to three on the way up.\nDo I need a wall?\nA door frame works too.\n"
    )
    assert [(f.question, f.answer) for f in article.faqs] == [
        ("How slow should I go?", "Slower than you think.\n\nCount to three on the way up."),
        ("Do I need a wall?", "A door frame works too."),
    ]


def test_sets_line_without_numbers_is_kept_with_a_notice():
    article = parse_text("Wall Angel\nSets & Reps\n- Beginners: a few gentle reps\n")
    item = article.sets_reps[0]
    assert (item.goal, item.sets, item.reps, item.guidance) == (
        "Beginners", "", "", "a few gentle reps"
    )  # fmt: skip
    assert article.notices[0].line == 3


def test_unknown_markdown_section_is_kept_in_the_intro():
    article = parse_text("---\nname: Wall Angel\n---\n\nIntro.\n\n## Benefits\n\nBetter posture.\n")
    assert article.intro == "Intro.\n\n## Benefits\n\nBetter posture."
    assert "Benefits" in article.notices[0].message and article.notices[0].line == 7


# ----- one set of decisions for both formats -----------------------------------------------


def in_both_formats(title: str, lines: list[str]):
    """The same section as Markdown and as copied web text."""
    body = "\n".join(lines)
    markdown = parse_text(f"---\nname: Wall Angel\n---\n\n## {title}\n\n{body}\n")
    webcopy = parse_text(f"Wall Angel\n{title}\n{body}\n")
    assert (markdown.format, webcopy.format) == ("markdown", "web copy")
    return markdown, webcopy


def read_the_same(markdown, webcopy, *fields) -> list[str]:
    """The fields read alike (list items wherever they stood); returns the notices."""
    for name in fields:
        found = [getattr(markdown, name), getattr(webcopy, name)]
        if isinstance(found[0], list):
            found = [[replace(item, line=0) for item in items] for items in found]
        assert found[0] == found[1], name
    messages = [notice.message for notice in markdown.notices]
    assert messages == [notice.message for notice in webcopy.notices]
    return messages


def test_a_tip_in_sets_and_reps_joins_the_progression_rule_with_a_notice_in_both():
    markdown, webcopy = in_both_formats(
        "Sets & Reps", ["- Warm-up: 1 set × 8 reps", "Tip: keep the first set light."]
    )
    notices = read_the_same(markdown, webcopy, "progression_rule")
    assert markdown.progression_rule == "keep the first set light."  # as written
    assert notices == ["A tip in Sets & Reps was added to the progression rule."]


@pytest.mark.parametrize("title", ["Pro Tips", "Recommended Equipment", "Setup"])
def test_a_progression_rule_is_the_progression_rule_wherever_it_stands(title):
    markdown, webcopy = in_both_formats(title, ["- Exercise mat", "Progression rule: Add reps."])
    assert read_the_same(markdown, webcopy, "progression_rule") == []
    assert markdown.progression_rule == "Add reps."
    assert len(markdown.tips + markdown.recommended_equipment + markdown.steps) == 1


def test_a_table_row_in_a_list_section_is_left_out_with_a_notice_in_both():
    markdown, webcopy = in_both_formats("Setup", ["- Kneel.", "| Knees | Hips |"])
    notices = read_the_same(markdown, webcopy, "steps")
    assert notices == ["“| Knees | Hips |” in “Setup” is not a list item; left out."]


def test_faq_notices_are_the_same_in_both():
    markdown, webcopy = in_both_formats(
        "FAQ", ["Some words first.", "", "Why?", "", "How slow?", "", "Slowly."]
    )
    notices = read_the_same(markdown, webcopy, "faqs")
    assert [f.question for f in markdown.faqs] == ["How slow?"]
    assert notices == [
        "“Some words first.” comes before the first question in the FAQ; left out.",
        "The question “Why?” has no answer below it; left out.",
    ]


def test_tips_and_mistakes_are_told_apart_the_same_way_in_both():
    markdown, webcopy = in_both_formats(
        "Common Mistakes", ["- Rushing through it.", "- **Arching:** Keep the ribs down."]
    )
    read_the_same(markdown, webcopy, "tips")
    assert [(t.kind, t.label) for t in markdown.tips] == [("mistake", ""), ("mistake", "Arching")]


# ----- saving ---------------------------------------------------------------------------


def test_import_creates_everything_and_records_a_revision(tmp_path):
    out, err, _ = run_import(FIXTURES / "thread-the-needle.txt")
    exercise = Exercise.objects.get(slug="thread-the-needle")
    assert exercise.status == "draft" and exercise.published_at is None
    assert exercise.seo_title.startswith("Thread the Needle:")
    assert set(exercise.primary_muscles.values_list("name", flat=True)) == {
        "Thoracic rotators",
        "Rhomboids",
    }
    assert list(exercise.tips.values_list("kind", flat=True)) == [
        "tip", "tip", "mistake", "mistake", "mistake", "tip"
    ]  # fmt: skip
    assert exercise.steps.filter(phase="setup").first().label == "On all fours"
    assert exercise.setup_tip and exercise.execution_tip and exercise.equipment_tip
    version = Version.objects.get_for_object(exercise).get()
    assert version.revision.get_comment() == f"Imported from {FIXTURES / 'thread-the-needle.txt'}"
    models = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"exercise", "step", "tip", "faq", "setsreps", "recommendedequipment"} <= models
    assert "added new muscle “Thoracic rotators”" in out


def test_known_vocabulary_is_matched_ignoring_case():
    upper = BodyPart.objects.create(name="UPPER BACK")
    mat = Equipment.objects.create(name="exercise MAT")
    run_import(FIXTURES / "thread-the-needle.txt")
    exercise = Exercise.objects.get(slug="thread-the-needle")
    assert exercise.body_part == upper
    assert mat in exercise.optional_equipment.all()
    assert BodyPart.objects.count() == 1
    # The recommended mat links to the existing entry rather than repeating its name.
    row = exercise.recommended_equipment.first()
    assert row.equipment == mat and row.name == ""


def test_published_status_in_the_file_publishes(tmp_path):
    path = write(tmp_path, "a.md", "---\nname: Wall Angel\nstatus: published\n---\nIntro.\n")
    run_import(path)
    exercise = Exercise.objects.get(slug="wall-angel")
    assert exercise.status == "published" and exercise.published_at is not None


def test_publish_option_publishes_drafts():
    run_import(FIXTURES / "seated-neck-stretch.txt", "--publish")
    assert Exercise.objects.get().status == "published"


def test_reimport_updates_the_same_slug_without_duplicates(tmp_path):
    path = write(tmp_path, "wall.txt", "Wall Angel\nFAQ\nHow slow?\nSlow.\nHow often?\nDaily.\n")
    run_import(path, "--publish")
    exercise = Exercise.objects.get()
    first_anchor = exercise.faqs.get(question="How slow?").anchor
    Faq.objects.filter(question="How slow?").update(anchor="kept-link")
    path.write_text("Wall Angel\nFAQ\nHow often?\nEvery day.\nHow slow?\nSlower.\n")
    out, _, _ = run_import(path)
    assert Exercise.objects.count() == 1
    exercise.refresh_from_db()
    assert exercise.status == "published"  # the file says nothing: status is kept
    assert exercise.version == 2  # an editor with the old version open is warned
    assert list(exercise.faqs.values_list("question", "anchor")) == [
        ("How often?", "how-often"),
        ("How slow?", "kept-link"),  # a question keeps its link when re-imported
    ]
    assert first_anchor == "how-slow"
    assert "updated 'wall-angel' (published)" in out and "FAQ" in out
    assert Version.objects.get_for_object(exercise).count() == 2


def test_reimporting_unchanged_content_leaves_the_exercise_alone():
    run_import(FIXTURES / "thread-the-needle.txt")
    out, _, _ = run_import(FIXTURES / "thread-the-needle.txt")
    exercise = Exercise.objects.get()
    assert "unchanged 'thread-the-needle'" in out
    assert exercise.version == 1
    assert Version.objects.get_for_object(exercise).count() == 1


def test_dry_run_saves_nothing_and_says_what_would_happen():
    out, err, _ = run_import(FIXTURES, "--dry-run")
    assert Exercise.objects.count() == 0 and Muscle.objects.count() == 0
    assert "would create 'thread-the-needle' (draft)" in out
    assert "would create 'childs-pose-side-reach'" in out
    assert "would add new muscle “Thoracic rotators”" in out
    assert "3 would be created" in out and "Dry run: nothing was saved." in out
    # The related slug names a file of the same run, so it is not reported as missing.
    assert "thread-the-needle' matches no exercise" not in out


def test_dry_run_lists_the_changes_to_an_existing_exercise():
    run_import(FIXTURES / "thread-the-needle.txt")
    exercise = Exercise.objects.get()
    exercise.intro = "Edited in the admin."
    exercise.save()
    exercise.faqs.first().delete()
    out, _, _ = run_import(FIXTURES / "thread-the-needle.txt", "--dry-run")
    assert "would update 'thread-the-needle' (draft)" in out
    assert "intro" in out and "FAQ (2 → 3)" in out
    exercise.refresh_from_db()
    assert exercise.intro == "Edited in the admin." and exercise.faqs.count() == 2


def test_related_slugs_are_linked_after_every_file_of_the_run(tmp_path):
    write(tmp_path, "a.md", "---\nname: Alpha Stretch\nrelated: [beta-stretch, ghost]\n---\n")
    write(tmp_path, "b.md", "---\nname: Beta Stretch\nvariations: [alpha-stretch]\n---\n")
    out, err, _ = run_import(tmp_path)
    alpha = Exercise.objects.get(slug="alpha-stretch")
    beta = Exercise.objects.get(slug="beta-stretch")
    assert list(alpha.related.all()) == [beta]
    assert list(beta.related.all()) == [alpha]  # related is symmetric
    assert list(beta.variations.all()) == [alpha]
    assert "related exercise 'ghost' matches no exercise; left unlinked" in out
    assert err == ""  # a warning, not a failure


@pytest.mark.django_db(transaction=True)
def test_imports_at_the_same_time_share_the_vocabulary_entry_they_create(tmp_path, monkeypatch):
    """Twenty files imported at once, each naming the same new muscle: one import creates
    it, the others use that entry instead of failing on the duplicate."""
    runs = 20
    paths = [
        write(
            tmp_path,
            f"{n}.txt",
            f"Stretch {n}\nQuick Overview\n| Primary Muscle | Serratus "
            "anterior |\nSteps\n- Breathe.\n",
        )  # fmt: skip
        for n in range(runs)
    ]
    # Every import has looked for the muscle and found none before any creates it. (Where
    # the database runs one writing transaction at a time, as SQLite does, the waiting
    # gives up and the imports take turns.)
    everyone_looked = threading.Barrier(runs, timeout=3)
    create = Muscle.save

    def save_when_everyone_looked(muscle, *args, **kwargs):
        if muscle.pk is None:
            with suppress(threading.BrokenBarrierError):
                everyone_looked.wait()
        create(muscle, *args, **kwargs)

    monkeypatch.setattr(Muscle, "save", save_when_everyone_looked)
    failures = []

    def run(path):
        try:
            run_import(path)
        except Exception as error:  # noqa: BLE001  (any failure is what the test looks for)
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(path,)) for path in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    muscle = Muscle.objects.get()
    assert muscle.name == "Serratus anterior"
    assert set(Exercise.objects.filter(primary_muscles=muscle).values_list("name", flat=True)) == {
        f"Stretch {n}" for n in range(runs)
    }


def test_a_name_used_at_another_address_is_refused(tmp_path):
    make_exercise(name="Wall Angel", slug="wall-angels")
    path = write(tmp_path, "a.md", "---\nname: Wall Angel\nslug: wall-angel\n---\n")
    _, err, _ = run_import(path, expect_failure=True)
    assert f"{path}:2: Another exercise is already called “Wall Angel”" in err
    assert "slug: wall-angels" in err


# ----- failures: reported with path and line, nothing saved, the rest imported ----------

BAD_FILES = [
    ("empty.txt", b"", 1, "The text is empty."),
    ("blank.md", b"  \n\n \n", 1, "The text is empty."),
    ("binary.txt", b"Wall Angel\nsteps\x00\x01\x02", 2, "binary file"),
    ("latin1.txt", "Wall Angel\n\nCaf\xe9 stretch\n".encode("latin-1"), 3, "not UTF-8"),
    ("utf16.txt", "Wall Angel\n".encode("utf-16"), 1, "UTF-16"),
    ("untitled.txt", b"\nQuick Overview\n| Body Part | Back |\n", 2, "not the exercise's name"),
    ("paragraph.txt", ("Long " * 40).encode(), 1, "reads like a paragraph"),
    ("unclosed.md", b"---\nname: Wall Angel\nslug: wall-angel\n", 1, "never closed"),
    ("badyaml.md", b"---\nname: Wall Angel\nprimary_muscles: [a, b\n---\n", 3, "not valid YAML"),
    ("listfm.md", b"---\n- just\n- a list\n---\n", 2, "key: value"),
    ("status.md", b"---\nname: Wall Angel\nstatus: live\n---\n", 3, "use one of: draft"),
    ("noname.md", b"---\nslug: wall-angel\n---\nIntro only.\n", 1, "no title"),
    ("slug.md", b"---\nname: Wall Angel\nslug: Wall Angel!\n---\n", 3, "cannot be a page address"),
    ("longname.md", b"---\nname: " + b"x" * 130 + b"\n---\n", 2, "at most 120 characters"),
    ("badurl.md", b"---\nname: Wall Angel\n---\n## Equipment\n\n- [Band](javascript:alert) - hi\n",
     6, "Enter a valid URL"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "content", "line", "message"), BAD_FILES)
def test_unreadable_files_are_reported_and_the_others_still_import(
    tmp_path, name, content, line, message
):
    bad = write(tmp_path, name, content)
    write(tmp_path, "good.txt", "Good Stretch\nSteps\n- Breathe.\n")
    out, err, failure = run_import(tmp_path, expect_failure=True)
    assert f"{bad}:{line}: " in err
    assert message in err
    assert failure == "1 of 2 files could not be imported."
    assert list(Exercise.objects.values_list("slug", flat=True)) == ["good-stretch"]


DEEP_VALUE = "[" * 1000 + "]" * 1000


@pytest.mark.parametrize(
    "front_matter",
    [
        f"name: Deep Stretch\nrelated: {DEEP_VALUE}\n",
        "name: Deep Stretch\nrelated:\n" + "".join("  " * i + "-\n" for i in range(1000)),
    ],
)
def test_front_matter_nested_a_thousand_deep_is_refused_and_the_rest_imports(
    tmp_path, front_matter
):
    deep = write(tmp_path, "deep.md", f"---\n{front_matter}---\nIntro.\n")
    write(tmp_path, "good.txt", "Good Stretch\nSteps\n- Breathe.\n")
    _, err, failure = run_import(tmp_path, expect_failure=True)
    assert f"{deep}:3: The front matter nests values too deeply" in err
    assert "Traceback" not in err
    assert failure == "1 of 2 files could not be imported."
    assert list(Exercise.objects.values_list("slug", flat=True)) == ["good-stretch"]


def test_a_file_over_one_megabyte_is_refused(tmp_path):
    bad = write(tmp_path, "huge.txt", b"Huge Stretch\n" + b"x" * (1024 * 1024))
    _, err, _ = run_import(bad, expect_failure=True)
    assert f"{bad}:1: The file is 1.0 MB; an article can be at most 1 MB." in err
    assert Exercise.objects.count() == 0


def test_a_late_problem_leaves_nothing_of_the_file_behind(tmp_path):
    question = "Why? " * 70  # longer than the 300 characters a question may have
    bad = write(
        tmp_path,
        "late.txt",
        f"Late Stretch\nQuick Overview\n| Body Part | Brand New Part |\n| Primary Muscle | "
        f"Brand new muscle |\nFAQ\n{question}\nBecause.\n",
    )
    _, err, _ = run_import(bad, expect_failure=True)
    assert f"{bad}:6: FAQ entry question: Ensure this value has at most 300 characters" in err
    assert Exercise.objects.count() == 0
    assert not BodyPart.objects.filter(name="Brand New Part").exists()
    assert not Muscle.objects.filter(name="Brand new muscle").exists()


def test_a_missing_path_is_reported(tmp_path):
    _, err, failure = run_import(tmp_path / "nope.md", expect_failure=True)
    assert f"{tmp_path / 'nope.md'}:1: No such file or folder." in err
    assert failure == "1 of 1 files could not be imported."


def test_folders_are_searched_for_article_files_only(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    write(tmp_path, "sub/one.md", "---\nname: One Stretch\n---\n")
    write(tmp_path, ".hidden/two.md", "---\nname: Two Stretch\n---\n")
    write(tmp_path, "photo.jpg", b"\xff\xd8\xff\x00")
    run_import(tmp_path)
    assert list(Exercise.objects.values_list("slug", flat=True)) == ["one-stretch"]


def test_windows_line_endings_and_a_byte_order_mark_are_fine():
    text = decode("\ufeffWall Angel\r\nSteps\r\n- Breathe.\r\n".encode())
    assert text == "Wall Angel\nSteps\n- Breathe.\n"


def test_errors_carry_the_line_for_editors():
    with pytest.raises(ArticleError) as error:
        parse_text("---\nname: Wall Angel\ndifficulty: expert\n---\n")
    assert error.value.line == 3
    assert error.value.located("wall.md") == (
        "wall.md:3: 'difficulty: expert' is not allowed; use one of: beginner, intermediate, "
        "advanced."
    )


def test_save_article_rolls_back_on_a_bad_row():
    article = parse_text("Wall Angel\nEquipment\n- " + "x" * 130 + " — too long a name\n")
    with pytest.raises(ArticleError) as error:
        save_article(article, source="test")
    assert error.value.line == 3
    assert Exercise.objects.count() == 0


def test_sections_without_a_field_of_their_own_are_kept_in_the_intro():
    article = parse_text(
        "Wall Angel\nIntro line.\nBenefits\nBetter posture at the desk.\nSteps\n- Press back.\n"
        "Related Exercises\nCat-Cow\n"
    )
    assert article.intro == (
        "Intro line.\n\n## Benefits\n\nBetter posture at the desk.\n\n"
        "## Related Exercises\n\nCat-Cow"
    )
    assert [s.text for s in article.steps] == ["Press back."]  # not "Cat-Cow"
    assert [n.line for n in article.notices] == [3, 7]


def test_markdown_faq_without_question_headings():
    article = parse_text(
        "---\nname: Wall Angel\n---\n## FAQ\n\n**Can I do it daily?**\n\nYes, daily.\n\n"
        "Q: Is it safe?\nMostly.\n"
    )
    assert [(f.question, f.answer) for f in article.faqs] == [
        ("Can I do it daily?", "Yes, daily."),
        ("Is it safe?", "Mostly."),
    ]


FRAGMENTS = [
    "---", "name: Wall Angel", "slug: x", "related: [a, b]", "difficulty: [1]", "## FAQ",
    "### Why?", "## Setup", "| Goal | Sets |", "|---|---|", "| a | b |", "- **L:** t", "1. step",
    "   continued", "", "Tip: x", "Tip:", "Progression rule: y", "Quick Overview", "FAQ", "Why?",
    "Q: a?", "A:", "Steps", "• item", "- ", "**:**", "```", "# Title", "Benefits", "## ",
    "- [A](http://x) {equipment} — w", "- {equipment: }", "| Equipment | (optional: ) |",
    "Equipment: None", "x" * 130, "?", "||", "...", "title: !!python/object:os.system x",
]  # fmt: skip


def test_no_text_crashes_the_parsers():
    """Whatever an editor pastes, the answer is an article or an ArticleError, never a 500."""
    rng = random.Random(5)
    for _ in range(600):
        lines = [rng.choice(FRAGMENTS) for _ in range(rng.randint(0, 20))]
        if rng.random() < 0.5:
            lines = ["---", "name: Fuzz", "---", *lines]
        with suppress(ArticleError):
            parse_text("\n".join(lines))
