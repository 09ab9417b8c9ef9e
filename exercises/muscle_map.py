"""The muscle map: a front and a back outline of a body, drawn by the project, with the
exercise's primary and secondary muscles highlighted.

The drawing is a table of regions (simple shapes in a 100 × 210 box per view, drawn for the
reader's left side and mirrored for the right unless `mirrored` is False). Each muscle of
the vocabulary maps, by its slug, to the regions it covers, or is marked `NOT_DRAWN` (too
deep or too small to show); tests/test_muscle_map.py fails for a muscle with neither.
Templates draw it from `ExercisePage.muscle_map` (templates/exercises/includes/muscle_map.html).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 100, 210
MIRROR = f"matrix(-1 0 0 1 {WIDTH} 0)"


def capsule(start: tuple[float, float], end: tuple[float, float], r1: float, r2: float) -> str:
    """A limb: a rounded shape from `start` (radius r1) to `end` (radius r2), as path data."""
    (x1, y1), (x2, y2) = start, end
    length = math.hypot(x2 - x1, y2 - y1)
    nx, ny = (y2 - y1) / length, -(x2 - x1) / length  # the normal, to one side

    def point(x, y, r, sign):
        return f"{x + sign * nx * r:.1f} {y + sign * ny * r:.1f}"

    return (
        f"M{point(x1, y1, r1, 1)} L{point(x2, y2, r2, 1)} A{r2} {r2} 0 0 1 {point(x2, y2, r2, -1)}"
        f" L{point(x1, y1, r1, -1)} A{r1} {r1} 0 0 1 {point(x1, y1, r1, 1)} Z"
    )


def ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    return f"M{cx - rx} {cy} A{rx} {ry} 0 1 0 {cx + rx} {cy} A{rx} {ry} 0 1 0 {cx - rx} {cy} Z"


# The outline both views share: head, neck, torso, and the left arm and leg (mirrored).
BODY_CENTRE = (
    ellipse(50, 13, 8.5, 10.5),
    "M45 20 L55 20 L56 30 L44 30 Z",
    "M33 30 Q50 26 67 30 Q73 32 73.5 40 L71 62 Q68 76 68 84 Q68 92 67 100 Q60 105 50 105"
    " Q40 105 33 100 Q32 92 32 84 Q32 76 29 62 L26.5 40 Q27 32 33 30 Z",
)
BODY_SIDE = (
    capsule((27.5, 35), (21, 70), 5.5, 4.2),
    capsule((21, 70), (17, 102), 4.2, 2.8),
    ellipse(16, 109, 3.2, 5.5),
    capsule((41.5, 100), (40, 150), 8.5, 5),
    capsule((40, 150), (41, 196), 5, 3),
    ellipse(40, 201, 4.5, 2.8),
)


@dataclass(frozen=True)
class RegionShape:
    key: str
    view: str  # "front" or "back"
    paths: tuple[str, ...]
    mirrored: bool = True  # drawn on both sides


FRONT, BACK = "front", "back"
REGIONS: tuple[RegionShape, ...] = (
    RegionShape("delts-front", FRONT, (ellipse(28.5, 36, 5.5, 6.5),)),
    RegionShape("chest", FRONT, ("M35 34 Q43 32 49 34.5 L49 48 Q42 53 34.5 48 Q32.5 41 35 34 Z",)),
    RegionShape("biceps", FRONT, (capsule((25.5, 44), (22, 64), 3.4, 2.8),)),
    RegionShape("forearms-front", FRONT, (capsule((20.5, 75), (18, 96), 3.4, 2.2),)),
    RegionShape("serratus", FRONT, ("M31.5 49 L35.5 51 L36 61 L32 60 Z",)),
    RegionShape("abs", FRONT, ("M44 54 H56 V93 Q50 98 44 93 Z",), mirrored=False),
    RegionShape("obliques", FRONT, ("M36.5 58 L43 56 L43 93 Q38 90 34 84 Q34 70 36.5 58 Z",)),
    RegionShape("hip-flexors", FRONT, ("M39 99 L46 99 L48.5 111 L43 109 Z",)),
    RegionShape("tfl", FRONT, (ellipse(34.5, 106, 2.6, 6),)),
    RegionShape("quads", FRONT, (capsule((41, 113), (40.5, 143), 5.5, 4),)),
    RegionShape("adductors", FRONT, ("M46.5 106 L49.5 104 L48.5 129 L45 124 Z",)),
    RegionShape("shins", FRONT, (capsule((41.5, 158), (41, 188), 2.6, 1.8),)),
    RegionShape(
        "traps-upper",
        BACK,
        ("M45.5 22 L54.5 22 L56 30 L67 33 L61 36.5 L39 36.5 L33 33 L44 30 Z",),
        mirrored=False,
    ),
    RegionShape("traps-middle", BACK, ("M38.5 37 L61.5 37 L58 47 L42 47 Z",), mirrored=False),
    RegionShape(
        "rhomboids", BACK, ("M44.5 38 L50 37 L55.5 38 L54 48 L50 50.5 L46 48 Z",), mirrored=False
    ),
    RegionShape("traps-lower", BACK, ("M42 47.5 L58 47.5 L50 68 Z",), mirrored=False),
    RegionShape("delts-rear", BACK, (ellipse(28.5, 36, 5.5, 6.5),)),
    RegionShape("lats", BACK, ("M33 44 L41.5 48 L47.5 70 L46 80 Q38 78 33.5 68 Q31 56 33 44 Z",)),
    RegionShape("triceps", BACK, (capsule((25.5, 44), (22, 64), 3.4, 2.8),)),
    RegionShape("forearms-back", BACK, (capsule((20.5, 75), (18, 96), 3.4, 2.2),)),
    RegionShape("erectors", BACK, (capsule((47.3, 69), (47.3, 96), 2.1, 2.4),)),
    RegionShape("glutes", BACK, (ellipse(42.5, 105, 7.5, 8),)),
    RegionShape("hamstrings", BACK, (capsule((41.5, 117), (40.5, 144), 5.2, 3.8),)),
    RegionShape("calves", BACK, (ellipse(40.5, 166, 4.3, 10),)),
)
REGION_KEYS = {region.key for region in REGIONS}

NOT_DRAWN = ()  # a muscle the drawing does not show (deep, or too small for it)

# Each muscle of the vocabulary, by slug: the regions it covers, or NOT_DRAWN. A muscle an
# import creates under a new name is listed on the page in words until it is added here.
MUSCLE_REGIONS: dict[str, tuple[str, ...]] = {
    "abdominals": ("abs", "obliques"),
    "adductors": ("adductors",),
    "anterior-deltoids": ("delts-front",),
    "biceps": ("biceps",),
    "biceps-brachii": ("biceps",),
    "calves": ("calves",),
    "core": ("abs", "obliques", "erectors"),
    "core-stabilizers": ("abs", "obliques", "erectors"),
    "deltoids": ("delts-front", "delts-rear"),
    "diaphragm": NOT_DRAWN,
    "erector-spinae": ("erectors",),
    "external-obliques": ("obliques",),
    "forearms": ("forearms-front", "forearms-back"),
    "gastrocnemius": ("calves",),
    "gluteus-maximus": ("glutes",),
    "gluteus-medius": ("glutes",),
    "glutes": ("glutes",),
    "hamstrings": ("hamstrings",),
    "hip-flexors": ("hip-flexors",),
    "iliopsoas": ("hip-flexors",),
    "internal-obliques": ("obliques",),
    "latissimus-dorsi": ("lats",),
    "lats": ("lats",),
    "lower-back": ("erectors",),
    "lower-trapezius": ("traps-lower",),
    "middle-trapezius": ("traps-middle",),
    "multifidus": NOT_DRAWN,
    "neck-extensors": ("traps-upper",),
    "obliques": ("obliques",),
    "pectoralis-major": ("chest",),
    "pectoralis-minor": ("chest",),
    "pectorals": ("chest",),
    "piriformis": NOT_DRAWN,
    "posterior-deltoids": ("delts-rear",),
    "psoas": ("hip-flexors",),
    "quadriceps": ("quads",),
    "rear-deltoids": ("delts-rear",),
    "rectus-abdominis": ("abs",),
    "rectus-femoris": ("quads",),
    "rhomboids": ("rhomboids",),
    "rotator-cuff": NOT_DRAWN,
    "serratus-anterior": ("serratus",),
    "soleus": ("calves",),
    "tensor-fasciae-latae": ("tfl",),
    "thoracic-rotators": NOT_DRAWN,
    "tibialis-anterior": ("shins",),
    "transverse-abdominis": NOT_DRAWN,
    "transversus-abdominis": NOT_DRAWN,
    "trapezius": ("traps-upper", "traps-middle", "traps-lower"),
    "triceps": ("triceps",),
    "triceps-brachii": ("triceps",),
    "upper-trapezius": ("traps-upper",),
}

PRIMARY, SECONDARY = "primary", "secondary"


def is_mapped(slug: str) -> bool:
    """Whether the muscle has regions or is marked as not drawn."""
    return slug in MUSCLE_REGIONS


@dataclass
class Region:
    """One region as this exercise shows it."""

    key: str
    shapes: SafeString
    role: str = ""  # PRIMARY, SECONDARY or "" (not worked)
    muscle: object = None  # the muscle it links to


@dataclass
class View:
    name: str
    offset: int  # where the view starts in the drawing
    regions: list[Region] = field(default_factory=list)


@dataclass
class MuscleMap:
    views: list[View]
    primary: list
    secondary: list
    not_drawn: list  # worked muscles that no region shows

    @property
    def body(self) -> SafeString:
        return BODY

    @property
    def width(self) -> int:
        return WIDTH * 2 + 20

    @property
    def height(self) -> int:
        return HEIGHT


def shapes(paths: tuple[str, ...], *, mirrored: bool) -> SafeString:
    drawn = format_html_join("", '<path d="{}"/>', ((path,) for path in paths))
    if mirrored:
        drawn += format_html_join(
            "", '<path d="{}" transform="{}"/>', ((path, MIRROR) for path in paths)
        )
    return mark_safe(drawn)  # noqa: S308  (format_html escaped every value)


# Drawn once per process: the outlines never change, only which regions are worked.
BODY = shapes(BODY_CENTRE, mirrored=False) + shapes(BODY_SIDE, mirrored=True)
REGION_SHAPES = {region.key: shapes(region.paths, mirrored=region.mirrored) for region in REGIONS}


def muscle_map(primary: list, secondary: list) -> MuscleMap:
    """The drawing for these muscles: a region worked by a primary muscle shows as primary,
    one worked only by secondary muscles as secondary."""
    worked: dict[str, tuple[str, object]] = {}
    for role, muscles in ((SECONDARY, secondary), (PRIMARY, primary)):  # primary wins
        for muscle in muscles:
            for key in MUSCLE_REGIONS.get(muscle.slug, NOT_DRAWN):
                worked[key] = (role, muscle)
    views = [View("Front", 0), View("Back", WIDTH + 20)]
    by_name = {FRONT: views[0], BACK: views[1]}
    for region in REGIONS:
        role, muscle = worked.get(region.key, ("", None))
        by_name[region.view].regions.append(
            Region(region.key, REGION_SHAPES[region.key], role, muscle)
        )
    not_drawn = [muscle for muscle in [*primary, *secondary] if not MUSCLE_REGIONS.get(muscle.slug)]
    return MuscleMap(views, list(primary), list(secondary), not_drawn)
