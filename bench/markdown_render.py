"""How long Markdown takes to render (and sanitise) as texts built to be slow grow longer.

    .venv/bin/python bench/markdown_render.py              # every input, best of 3
    .venv/bin/python bench/markdown_render.py --repeats 1  # a quicker, noisier run

Times `exercises.markdown`'s render and sanitise step, without its memory of recent texts,
on each input of `tests/markdown_inputs.py` at 1k, 4k, 16k and 64k characters. Time that
grows in step with the text shows as about x4 from each length to the next. Then every
input, and the demo content, at the longest text we accept: the slowest of those is what
one field can cost a request. Figures are CPU time in the process, the best of
`--repeats` runs, so other work on the machine disturbs them less. Prints figures only; it
sets no pass mark.
"""

import argparse
import sys
import time
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exercises.markdown import _render  # noqa: E402
from exercises.models.fields import INTRO_LENGTH  # noqa: E402
from tests.markdown_inputs import PATHOLOGICAL, repeated  # noqa: E402

LENGTHS = [1_000, 4_000, 16_000, 64_000]
# The longest Markdown any field accepts (an intro; an FAQ answer is at most half that).
LONGEST_ACCEPTED = INTRO_LENGTH
render = _render.__wrapped__  # the render itself, not a remembered result


def cpu_seconds(text: str, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        render(text)
        best = min(best, time.process_time() - started)
    return best


def demo_content(length: int) -> str:
    """The demo exercise articles, whole, one after another: ordinary Markdown."""
    articles = "\n\n".join(p.read_text() for p in sorted((ROOT / "exercises/demo").glob("*.md")))
    return repeated(articles, length)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (best counts)")
    repeats = parser.parse_args().repeats

    render("warm up: *the parser* builds its rule chains on first use")
    header = "".join(f"{length // 1000:>8}k" for length in LENGTHS)
    print(f"Render + sanitise, CPU ms (best of {repeats}), by text length\n")
    print(f"{'input':<46}{header}   growth per 4x")
    growths = []
    for name, make in PATHOLOGICAL.items():
        times = [cpu_seconds(make(length), repeats) for length in LENGTHS]
        steps = [later / max(earlier, 1e-6) for earlier, later in pairwise(times)]
        growths.append((steps[-1], name))
        figures = "".join(f"{seconds * 1000:9.1f}" for seconds in times)
        print(f"{name:<46}{figures}   " + " ".join(f"x{step:.1f}" for step in steps))
    steepest, steepest_name = max(growths)
    print(f"\nSteepest growth from 16k to 64k: x{steepest:.1f} ({steepest_name}); x4 is linear.")

    print(f"\nAt {LONGEST_ACCEPTED:,} characters, the longest Markdown a field accepts:")
    texts = {name: make(LONGEST_ACCEPTED) for name, make in PATHOLOGICAL.items()}
    texts["ordinary Markdown (the demo articles)"] = demo_content(LONGEST_ACCEPTED)
    at_longest = sorted(
        ((cpu_seconds(text, repeats), name) for name, text in texts.items()), reverse=True
    )
    for seconds, name in at_longest[:5]:
        print(f"  {seconds * 1000:8.1f} ms  {name}")
    ordinary = next(s for s, name in at_longest if name.startswith("ordinary"))
    print(f"  {ordinary * 1000:8.1f} ms  ordinary Markdown (the demo articles)")
    slowest, slowest_name = at_longest[0]
    print(f"\nSlowest render at {LONGEST_ACCEPTED:,} characters: {slowest * 1000:.0f} ms"
          f" ({slowest_name}).")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
