"""Draw the demo exercises' illustrations (exercises/demo/<slug>/*.png) with Pillow.

The project's own drawings, made in code: a side view of a figure in each exercise's start
and end positions. The PNGs are committed; the demo articles name them under `## Images`
and `load_demo_content` imports them through the same checks and renditions as an editor's
upload. Run this only to change the drawings.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from PIL import Image, ImageDraw, ImageFont

from .load_demo_content import DEMO_ARTICLES

SCALE = 2  # drawn at twice the size, then reduced: smooth edges without antialiasing
BACKGROUND, FLOOR, PROP = "#f2f6f4", "#9aa8a2", "#d5dfda"
NEAR, FAR, SKIN = "#0f766e", "#7fbfb6", "#0b5e58"

# Each pose: joints in a 100 × 75 box (y down, floor at 66), near and far limbs, and the
# props around the figure. "spine" bends the back through a control point.
POSES = {
    "cow": {
        "hip": (36, 50),
        "shoulder": (62, 50),
        "spine": (49, 57),
        "head": (70, 43),
        "near_arm": [(62, 50), (62, 57), (63, 65), (67, 65)],
        "far_arm": [(60, 50), (60, 57), (61, 65), (65, 65)],
        "near_leg": [(36, 50), (37, 65), (22, 65), (20, 63)],
        "far_leg": [(34, 50), (35, 65), (20, 65), (18, 63)],
        "props": ["mat"],
    },
    "cat": {
        "hip": (36, 50),
        "shoulder": (62, 50),
        "spine": (49, 36),
        "head": (67, 58),
        "near_arm": [(62, 50), (62, 57), (63, 65), (67, 65)],
        "far_arm": [(60, 50), (60, 57), (61, 65), (65, 65)],
        "near_leg": [(36, 50), (37, 65), (22, 65), (20, 63)],
        "far_leg": [(34, 50), (35, 65), (20, 65), (18, 63)],
        "props": ["mat"],
    },
    "doorway-start": {
        "hip": (48, 40),
        "shoulder": (48, 20),
        "spine": (47, 30),
        "head": (49, 12),
        "near_arm": [(48, 21), (56, 21), (56, 11)],
        "far_arm": [(47, 21), (55, 22), (55, 12)],
        "near_leg": [(48, 40), (48, 53), (48, 66), (53, 66)],
        "far_leg": [(47, 40), (46, 53), (45, 66), (50, 66)],
        "props": ["door"],
    },
    "doorway-end": {
        "hip": (56, 41),
        "shoulder": (60, 21),
        "spine": (58, 31),
        "head": (62, 13),
        "near_arm": [(60, 22), (56, 21), (56, 11)],
        "far_arm": [(59, 22), (55, 22), (55, 12)],
        "near_leg": [(56, 41), (62, 53), (64, 66), (69, 66)],
        "far_leg": [(55, 41), (50, 53), (46, 66), (51, 66)],
        "props": ["door"],
    },
    "kneel-reach": {
        "hip": (36, 49),
        "shoulder": (58, 46),
        "spine": (47, 45),
        "head": (65, 44),
        "near_arm": [(58, 46), (67, 55), (76, 65), (80, 65)],
        "far_arm": [(57, 46), (66, 55), (75, 65), (79, 65)],
        "near_leg": [(36, 49), (37, 65), (22, 65), (20, 64)],
        "far_leg": [(34, 49), (35, 65), (20, 65), (18, 64)],
        "props": ["mat"],
    },
    "kneel-sit-back": {
        "hip": (26, 57),
        "shoulder": (50, 57),
        "spine": (38, 50),
        "head": (57, 61),
        "near_arm": [(50, 57), (63, 61), (76, 65), (80, 65)],
        "far_arm": [(49, 57), (62, 61), (75, 65), (79, 65)],
        "near_leg": [(26, 57), (37, 65), (22, 65), (20, 64)],
        "far_leg": [(24, 57), (35, 65), (20, 65), (18, 64)],
        "props": ["mat"],
    },
    "standing-reach": {
        "hip": (50, 40),
        "shoulder": (50, 20),
        "spine": (49, 30),
        "head": (51, 12),
        "near_arm": [(50, 21), (59, 23), (68, 24)],
        "far_arm": [(49, 21), (58, 23), (67, 24)],
        "near_leg": [(50, 40), (51, 53), (50, 66), (55, 66)],
        "far_leg": [(49, 40), (48, 53), (47, 66), (52, 66)],
        "props": [],
    },
    "standing-arch": {
        "hip": (51, 40),
        "shoulder": (48, 21),
        "spine": (52, 30),
        "head": (46, 13),
        "near_arm": [(48, 22), (49, 12), (47, 3)],
        "far_arm": [(47, 22), (48, 12), (46, 3)],
        "near_leg": [(51, 40), (52, 53), (50, 66), (55, 66)],
        "far_leg": [(50, 40), (49, 53), (47, 66), (52, 66)],
        "props": [],
    },
    "lunge-upright": {
        "hip": (44, 47),
        "shoulder": (44, 27),
        "spine": (43, 37),
        "head": (45, 19),
        "near_arm": [(44, 28), (47, 37), (44, 45)],
        "far_arm": [(43, 28), (46, 37), (43, 45)],
        "near_leg": [(44, 47), (60, 49), (60, 66), (65, 66)],
        "far_leg": [(43, 47), (38, 65), (24, 65), (22, 63)],
        "props": ["mat"],
    },
    "lunge-forward": {
        "hip": (50, 49),
        "shoulder": (50, 29),
        "spine": (49, 39),
        "head": (51, 21),
        "near_arm": [(50, 30), (53, 39), (50, 47)],
        "far_arm": [(49, 30), (52, 39), (49, 47)],
        "near_leg": [(50, 49), (63, 47), (62, 66), (67, 66)],
        "far_leg": [(49, 49), (38, 65), (24, 65), (22, 63)],
        "props": ["mat"],
    },
    "heel-forward": {
        "hip": (48, 39),
        "shoulder": (48, 19),
        "spine": (47, 29),
        "head": (49, 11),
        "near_arm": [(48, 20), (51, 30), (48, 38)],
        "far_arm": [(47, 20), (50, 30), (47, 38)],
        "near_leg": [(48, 39), (55, 52), (62, 65), (63, 60)],
        "far_leg": [(47, 39), (45, 52), (46, 66), (51, 66)],
        "props": [],
    },
    "hinge": {
        "hip": (42, 41),
        "shoulder": (60, 28),
        "spine": (52, 32),
        "head": (67, 24),
        "near_arm": [(60, 29), (55, 36), (46, 40)],
        "far_arm": [(59, 29), (54, 36), (45, 40)],
        "near_leg": [(42, 41), (52, 53), (63, 65), (64, 60)],
        "far_leg": [(41, 41), (45, 53), (42, 66), (47, 66)],
        "props": [],
    },
}

# (slug, lead image: two poses with their labels, step pictures: file -> pose)
DRAWINGS = {
    "cat-cow": (("cow", "Cow: inhale", "cat", "Cat: exhale"),
                {"execution-1": "cow", "execution-2": "cat"}),
    "doorway-chest-stretch": (("doorway-start", "Start", "doorway-end", "Lean forward"),
                              {"setup-2": "doorway-start", "execution-1": "doorway-end"}),
    "dynamic-back-stretch-kneeling": (("kneel-reach", "Reach long", "kneel-sit-back",
                                       "Sit back"),
                                      {"setup-2": "kneel-reach", "execution-2": "kneel-sit-back"}),
    "dynamic-back-stretch-standing": (("standing-reach", "Hands forward", "standing-arch",
                                       "Arms up, gentle arch"),
                                      {"execution-2": "standing-reach",
                                       "execution-4": "standing-arch"}),
    "kneeling-hip-flexor-stretch": (("lunge-upright", "Tall half-kneel", "lunge-forward",
                                     "Hips forward"),
                                    {"setup-2": "lunge-upright", "execution-1": "lunge-forward"}),
    "standing-hamstring-stretch": (("heel-forward", "Heel forward", "hinge", "Hinge at the hips"),
                                   {"setup-2": "heel-forward", "execution-1": "hinge"}),
}  # fmt: skip


def draw_pose(draw: ImageDraw.ImageDraw, pose: dict, left: float, top: float, unit: float):
    def at(point):
        return (left + point[0] * unit, top + point[1] * unit)

    def limb(points, colour, width):
        draw.line([at(p) for p in points], fill=colour, width=int(width * unit), joint="curve")
        for point in points:  # round joints and ends
            x, y = at(point)
            r = width * unit / 2
            draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)

    floor = top + 66 * unit + 2.2 * unit
    draw.line((left + 4 * unit, floor, left + 96 * unit, floor), fill=FLOOR, width=int(unit))
    if "mat" in pose["props"]:
        draw.rounded_rectangle(
            (left + 12 * unit, floor - 1.4 * unit, left + 88 * unit, floor),
            radius=int(unit), fill=PROP,
        )  # fmt: skip
    if "door" in pose["props"]:
        draw.rectangle((left + 53 * unit, top + 2 * unit, left + 58 * unit, floor), fill=PROP)
    limb(pose["far_leg"], FAR, 4.2)
    limb(pose["far_arm"], FAR, 3.4)
    hip, spine, shoulder = pose["hip"], pose["spine"], pose["shoulder"]
    curve = [
        (
            (1 - t) ** 2 * hip[0] + 2 * (1 - t) * t * spine[0] + t**2 * shoulder[0],
            (1 - t) ** 2 * hip[1] + 2 * (1 - t) * t * spine[1] + t**2 * shoulder[1],
        )
        for t in (i / 12 for i in range(13))
    ]
    limb(curve, NEAR, 6.5)
    limb([shoulder, pose["head"]], NEAR, 3)
    hx, hy = at(pose["head"])
    r = 4.6 * unit
    draw.ellipse((hx - r, hy - r, hx + r, hy + r), fill=SKIN)
    limb(pose["near_leg"], NEAR, 4.6)
    limb(pose["near_arm"], NEAR, 3.6)


def picture(poses: list[tuple[str, str]], width: int, height: int) -> Image.Image:
    """One panel per (pose, label), side by side, with an arrow between two."""
    big = Image.new("RGB", (width * SCALE, height * SCALE), BACKGROUND)
    draw = ImageDraw.Draw(big)
    panel = big.width / len(poses)
    unit = min(panel / 100, big.height / 78)
    font = ImageFont.load_default(size=int(6 * unit))
    for index, (name, label) in enumerate(poses):
        left = index * panel + (panel - 100 * unit) / 2
        draw_pose(draw, POSES[name], left, 2 * unit, unit)
        if label:
            draw.text((left + 6 * unit, big.height - 8 * unit), label, font=font, fill=SKIN)
    if len(poses) == 2:
        y, x = big.height / 2, panel
        draw.line((x - 4 * unit, y, x + 3 * unit, y), fill=FLOOR, width=int(1.2 * unit))
        draw.polygon(
            [(x + 5 * unit, y), (x + 2 * unit, y - 2.5 * unit), (x + 2 * unit, y + 2.5 * unit)],
            fill=FLOOR,
        )
    return big.resize((width, height), Image.Resampling.LANCZOS)


class Command(BaseCommand):
    help = "Draw the demo exercises' illustrations into exercises/demo/<slug>/ (PNG)."

    def handle(self, *args, **options):
        for slug, (lead, steps) in DRAWINGS.items():
            folder = DEMO_ARTICLES / slug
            folder.mkdir(exist_ok=True)
            first, first_label, second, second_label = lead
            images = {"lead": picture([(first, first_label), (second, second_label)], 1200, 600)}
            for name, pose in steps.items():
                images[name] = picture([(pose, "")], 800, 600)
            for name, image in images.items():
                path = Path(folder / f"{name}.png")
                # A few colours are all a drawing has: a palette keeps the files small.
                image.quantize(colors=32, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
                self.stdout.write(f"{path.relative_to(DEMO_ARTICLES.parent.parent)}")
