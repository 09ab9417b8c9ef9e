"""The exercise admin in a real Chromium, as an editor uses it: leaving a form with unsaved
changes, reordering rows with the keyboard, the live preview of new rows, a draft of a
live guide from edit to publication, scheduled publishing, and axe on the change form."""

import re
from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.browser

CAT_COW = "/exercises/cat-cow/"
# What axe finds on the change form comes from the select2 autocomplete that Django's admin
# ships (docs/accessibility.md); nothing may come from this project's own widgets.
UPSTREAM_RULES = {"aria-input-field-name", "label", "list"}


@pytest.fixture
def editor(site):
    from django.contrib.auth.models import Group, Permission, User

    # Transactional tests empty the tables, the Editors group included: as its migration does.
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="exercises"))
    user = User.objects.create_user("edna", password="pw-edna-123", is_staff=True)
    user.groups.add(editors)
    return user


@pytest.fixture
def admin_page(browser, site, editor):
    """A logged-in editor's tab. Dialogs (confirm, beforeunload) are recorded in
    page.dialogs and answered by page.answer (True: accept, False: dismiss)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    page.errors, page.dialogs, page.answer = [], [], False
    page.on("pageerror", lambda error: page.errors.append(str(error)))

    def on_dialog(dialog):
        page.dialogs.append((dialog.type, dialog.message))
        dialog.accept() if page.answer else dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(site + reverse("admin:login"))
    page.fill("#id_username", "edna")
    page.fill("#id_password", "pw-edna-123")
    page.click("input[type=submit]")
    page.wait_for_url(site + reverse("admin:index"))
    yield page
    context.close()


@pytest.fixture
def reader_page(browser, site):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def exercise(slug="cat-cow"):
    from exercises.models import Exercise

    return Exercise.objects.guides().get(slug=slug)


def open_change_form(page, site, slug="cat-cow"):
    page.goto(site + reverse("admin:exercises_exercise_change", args=[exercise(slug).pk]))
    page.wait_for_load_state("load")


def save_and_continue(page, expect=".messagelist .success"):
    """Press "Save and continue editing" and wait for the page that answers: saved, or
    refused (expect=".errornote")."""
    page.locator("input[name=_continue]").first.click()
    page.wait_for_selector(expect)


def step_labels(page) -> list[str]:
    return page.locator("#steps-group tbody tr.has_original input[name$='-label']").evaluate_all(
        "inputs => inputs.map(input => input.value)"
    )


# -- Leaving a form with unsaved changes --------------------------------------------------


def test_leaving_a_changed_form_asks_first(admin_page, site):
    page = admin_page
    open_change_form(page, site)
    page.locator(".breadcrumbs a", has_text="Exercises").last.click()  # nothing changed yet
    page.wait_for_url("**/admin/exercises/exercise/")
    assert page.dialogs == []

    open_change_form(page, site)
    page.locator("textarea[name=intro]").fill("Half-typed intro")
    page.locator(".breadcrumbs a", has_text="Exercises").last.click()
    assert page.dialogs[-1][0] == "confirm"
    assert "changes that are not saved" in page.dialogs[-1][1]
    assert page.locator("textarea[name=intro]").input_value() == "Half-typed intro"

    # Closing the tab or reloading gets the browser's own question.
    page.close(run_before_unload=True)
    page.wait_for_timeout(300)
    assert page.dialogs[-1][0] == "beforeunload"
    assert not page.is_closed()

    page.answer = True
    page.locator("#nav-sidebar a", has_text="Muscles").click()
    page.wait_for_url("**/admin/exercises/muscle/")
    assert [kind for kind, _ in page.dialogs] == ["confirm", "beforeunload", "confirm"]


def test_saving_does_not_ask_and_a_refused_form_asks_at_once(admin_page, site):
    page = admin_page
    open_change_form(page, site)
    page.locator("textarea[name=intro]").fill("A saved intro.")
    save_and_continue(page)
    assert page.dialogs == []

    page.locator("input[name=name]").fill("")  # a mistake: the save is refused
    save_and_continue(page, expect=".errornote")
    page.locator(".breadcrumbs a", has_text="Exercises").last.click()
    assert [kind for kind, _ in page.dialogs] == ["confirm"]


# -- Reordering rows with the keyboard ---------------------------------------------------


def test_rows_move_with_the_keyboard_and_the_order_is_saved(admin_page, site, screenshot_dir):
    page = admin_page
    open_change_form(page, site)
    before = step_labels(page)
    handles = page.get_by_role("img", name=re.compile("^Drag handle for"))
    assert handles.count() >= len(before)

    first_down = page.locator("#steps-group").get_by_role("button", name="Move down").first
    first_down.focus()
    page.keyboard.press("Enter")
    assert step_labels(page) == [before[1], before[0], *before[2:]]
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Move down"  # the focus stays with the row that moved
    assert page.locator("#steps-group [aria-live]").inner_text() == (
        f"Moved to position 2 of {len(before)}."
    )
    up = (
        page.locator("#steps-group tbody tr.has_original")
        .nth(1)
        .get_by_role("button", name="Move up")
    )
    up.focus()
    page.keyboard.press("Space")
    assert step_labels(page) == before
    page.keyboard.press("Enter")
    assert page.locator("#steps-group [aria-live]").inner_text() == "Already first."

    page.locator("#steps-group").get_by_role("button", name="Move down").nth(2).click()
    expected = [before[0], before[1], before[3], before[2], *before[4:]]
    assert step_labels(page) == expected
    page.screenshot(path=screenshot_dir / "admin-steps-reordered.png", full_page=False)
    save_and_continue(page)
    assert [step.label for step in exercise().steps.all()] == expected


def test_after_a_refused_save_the_rows_keep_the_order_the_editor_gave_them(admin_page, site):
    page = admin_page
    open_change_form(page, site)
    before = step_labels(page)
    page.locator("#steps-group").get_by_role("button", name="Move down").first.click()
    page.locator("input[name=name]").fill("")
    save_and_continue(page, expect=".errornote")
    moved = [before[1], before[0], *before[2:]]
    assert step_labels(page) == moved
    page.locator("input[name=name]").fill("Cat-Cow")
    save_and_continue(page)
    assert [step.label for step in exercise().steps.all()] == moved


# -- New rows get the live preview -------------------------------------------------------


def test_a_new_faq_entry_gets_the_live_preview_at_once(admin_page, site):
    page = admin_page
    open_change_form(page, site)
    page.locator("#faqs-group .add-row a").click()
    new_row = page.locator("#faqs-group .inline-related.dynamic-faqs").last
    new_row.locator("textarea[name$='-answer']").fill("Try it **slowly** <script>x()</script>")
    new_row.locator(".markdownx-preview strong", has_text="slowly").wait_for(timeout=10_000)
    note = new_row.locator(".markdownx-preview .sanitiser-note")
    assert note.inner_text() == "Not shown to readers, as unsafe: a <script> element."
    assert page.errors == []


# -- A draft of a live guide -------------------------------------------------------------


def test_a_live_guide_is_changed_through_a_draft(admin_page, reader_page, site, screenshot_dir):
    page = admin_page
    reader_page.goto(site + CAT_COW)
    assert "Cat-Cow" in reader_page.locator("h1").inner_text()
    old_intro = reader_page.locator(".exercise__intro").inner_text()

    open_change_form(page, site)
    page.locator("textarea[name=intro]").fill("The intro of the **new** Cat-Cow guide.")
    page.locator("input[name=_save_draft]").first.click()
    page.wait_for_selector("text=This is a draft of the live guide")
    assert page.dialogs == []

    page.get_by_role("link", name="Preview the draft").first.click()
    page.wait_for_url(f"**{CAT_COW}draft/")
    assert "Draft of the live guide." in page.locator(".draft-banner").inner_text()
    assert "new Cat-Cow guide" in page.locator(".exercise__intro").inner_text()
    page.screenshot(path=screenshot_dir / "draft-preview.png", full_page=False)

    reader_page.goto(site + CAT_COW)  # readers still get the live guide
    assert reader_page.locator(".exercise__intro").inner_text() == old_intro
    assert reader_page.goto(site + CAT_COW + "draft/").status == 404

    page.go_back()
    page.get_by_role("link", name="Publish the draft…").click()
    page.wait_for_selector("text=What changes")
    page.screenshot(path=screenshot_dir / "draft-publish.png", full_page=True)
    assert Axe().run(page).violations_count == 0
    page.get_by_role("button", name="Publish the draft now").click()
    page.wait_for_selector("text=The draft is now live")

    reader_page.goto(site + CAT_COW)
    assert "new Cat-Cow guide" in reader_page.locator(".exercise__intro").inner_text()
    assert reader_page.url == site + CAT_COW


# -- Scheduled publishing ----------------------------------------------------------------


def test_a_scheduled_guide_is_published_by_the_command(admin_page, reader_page, site):
    from exercises.models import Exercise
    from exercises.publishing import apply_schedule

    Exercise.objects.filter(slug="cat-cow").update(status="draft")
    assert reader_page.goto(site + CAT_COW).status == 404

    page = admin_page
    open_change_form(page, site)
    when = timezone.localtime(timezone.now() + timedelta(hours=1))
    page.locator("select[name=status]").select_option("published")
    page.locator("input[name=publish_at_0]").fill(when.strftime("%d/%m/%Y"))
    page.locator("input[name=publish_at_1]").fill(when.strftime("%H:%M:%S"))
    save_and_continue(page, expect="text=will be published on")
    assert reader_page.goto(site + CAT_COW).status == 404

    page.goto(site + reverse("admin:exercises_exercise_changelist"))
    assert "Scheduled: publishes" in page.locator("#result_list").inner_text()
    assert Axe().run(page).violations_count == 0

    # A minute past its time, the command (cron or a systemd timer) publishes it.
    done = apply_schedule(now=when + timedelta(minutes=1))
    assert len(done) == 1 and done[0].startswith("Published “Cat-Cow” (scheduled for")
    assert reader_page.goto(site + CAT_COW).status == 200


# -- Accessibility of the change form ----------------------------------------------------


def test_the_change_form_has_no_accessibility_violations_of_its_own(admin_page, site):
    page = admin_page
    open_change_form(page, site)
    page.locator("#faqs-group .add-row a").click()  # a new row's widgets too
    results = Axe().run(page)
    rules = {violation["id"] for violation in results.response["violations"]}
    assert rules <= UPSTREAM_RULES, results.generate_report()
    for violation in results.response["violations"]:
        for node in violation["nodes"]:
            assert "select2" in " ".join(map(str, node["target"])), node["html"]
