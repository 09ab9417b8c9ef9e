"""Link-preview cards for exercises without a lead image: the name and body part on the
site's colours, 1200 × 630, drawn with Pillow.

A card is made once per change of what it shows: its file name is made of that text, so
saving an exercise (exercises.signals, after the transaction commits) draws a card only
when no card with that text exists yet, and pages name it without looking at storage.
"""

from __future__ import annotations

import hashlib
import textwrap
from io import BytesIO

from django.db import transaction
from django.db.models.signals import post_save
from PIL import Image, ImageDraw, ImageFont

from .renditions import SHARE_SIZE, save_once

BACKGROUND = "#0f766e"
SOFT = "#e0f0ec"
CARD_VERSION = "1"  # change to draw every card again after changing the drawing


def card_text(exercise) -> tuple[str, str]:
    body_part = exercise.body_part.name if exercise.body_part_id else ""
    return exercise.name, body_part


def card_name(exercise) -> str:
    name, body_part = card_text(exercise)
    key = hashlib.sha256(f"{CARD_VERSION}\n{name}\n{body_part}".encode()).hexdigest()[:32]
    return f"cards/{key}.png"


def ensure_card(exercise) -> str:
    """The exercise's card, drawn and stored if it is not stored yet; its storage name."""
    name = card_name(exercise)
    save_once(name, lambda: draw_card(*card_text(exercise)))
    return name


def draw_card(name: str, body_part: str) -> bytes:
    width, height = SHARE_SIZE
    card = Image.new("RGB", SHARE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(card)
    margin = 80
    # The outline of a figure reaching up: the site's mark, drawn, not copied.
    draw.ellipse((width - 300, 90, width - 220, 170), outline=SOFT, width=10)
    draw.line((width - 260, 170, width - 260, 380), fill=SOFT, width=12)
    draw.line((width - 260, 210, width - 340, 120), fill=SOFT, width=12)
    draw.line((width - 260, 210, width - 180, 120), fill=SOFT, width=12)
    draw.line((width - 260, 380, width - 320, 520), fill=SOFT, width=12)
    draw.line((width - 260, 380, width - 200, 520), fill=SOFT, width=12)
    size = 84 if len(name) <= 28 else 64
    font = ImageFont.load_default(size=size)
    lines = textwrap.wrap(name, width=18 if size == 84 else 24)[:3]
    y = 150
    for line in lines:
        draw.text((margin, y), line, font=font, fill="white")
        y += int(size * 1.2)
    if body_part:
        draw.text((margin, y + 30), body_part, font=ImageFont.load_default(size=44), fill=SOFT)
    draw.text(
        (margin, height - 110), "StretchSite", font=ImageFont.load_default(size=40), fill=SOFT
    )
    output = BytesIO()
    card.save(output, "PNG", optimize=True)
    return output.getvalue()


def exercise_saved(sender, instance, raw=False, **kwargs):
    if raw:  # loaddata: fixtures, not an edit
        return
    transaction.on_commit(lambda: ensure_card(instance))


def body_part_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    exercises = list(instance.exercises.select_related("body_part"))
    transaction.on_commit(lambda: [ensure_card(exercise) for exercise in exercises])


def connect() -> None:
    """Called once from ExercisesConfig.ready(): cards follow the name and body part."""
    from .models import BodyPart, Exercise

    post_save.connect(exercise_saved, sender=Exercise, dispatch_uid="exercises.share-card")
    post_save.connect(body_part_saved, sender=BodyPart, dispatch_uid="exercises.share-card.bp")
