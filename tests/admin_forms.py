"""Read a rendered admin form the way a browser would submit it, and post it back."""

from http import HTTPStatus

from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse


def form_data(response, form_id=None) -> dict:
    """Every field of the page's main form with its current value, ready to post back.

    Multi-selects become lists; unchecked checkboxes are left out, as browsers do; the
    hidden templates for new inline rows (``__prefix__``) are skipped.
    """
    soup = BeautifulSoup(response.content, "html.parser")
    if form_id:
        form = soup.find("form", id=form_id)
    else:  # the page's main form is the biggest one (the header also has a logout form)
        form = max(soup.find_all("form", method="post"), key=lambda f: len(f.find_all("input")))
    data: dict = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or "__prefix__" in name:
            continue
        if field.name == "select":
            chosen = [
                o.get("value", o.text) for o in field.find_all("option") if o.has_attr("selected")
            ]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            else:
                first = field.find("option")
                data[name] = first.get("value", "") if first else ""
        elif field.name == "textarea":
            data[name] = field.text.lstrip("\n")
        elif field.get("type") in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data[name] = field.get("value", "on")
        elif field.get("type") in {"submit", "button", "file"}:
            continue
        else:
            data[name] = field.get("value", "")
    return data


def errors_on_page(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [e.get_text(" ", strip=True) for e in soup.select(".errornote, .errorlist")]


def change_url(exercise) -> str:
    return reverse("admin:exercises_exercise_change", args=[exercise.pk])


def logged_in(user) -> Client:
    """A browser of its own for one editor (two of them make two editors, or two tabs)."""
    client = Client()
    client.force_login(user)
    return client


def open_form(client, exercise) -> dict:
    """The exercise's change form as the editor's browser would post it back."""
    return form_data(client.get(change_url(exercise)))


def save(client, exercise, data, url=None):
    """Post the form and expect it saved (a redirect); the errors on the page otherwise."""
    response = client.post(url or change_url(exercise), data)
    assert response.status_code == HTTPStatus.FOUND, errors_on_page(response)
    return response


def add_row(data: dict, prefix: str, **values) -> None:
    """One more row in an inline (`prefix`: "faqs", "steps", ...), filled in, as "Add
    another" and typing do in the browser."""
    i = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(i + 1)
    data.update({f"{prefix}-{i}-{name}": value for name, value in {"order": "0", **values}.items()})
