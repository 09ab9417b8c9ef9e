"""How long one uploaded photo takes to become what pages serve: a 4000 × 3000 JPEG from a
camera (EXIF with a GPS position) checked, made into its clean master and then into every
rendition (AVIF, WebP and JPEG at each width, plus the 1200 × 630 link-preview crop).

    .venv/bin/python bench/renditions.py              # best of 3
    .venv/bin/python bench/renditions.py --repeats 1

Each run stores into a fresh temporary folder (files are named by their content, so a
second store of the same photo would make nothing). Prints wall time per step, and the
bytes of each rendition; it sets no pass mark. This is work done once per upload or
import, never per request.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stretchsite.settings")

import django  # noqa: E402

django.setup()

from django.core.files.storage import default_storage  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import override_settings  # noqa: E402
from PIL import Image  # noqa: E402

from exercises import renditions  # noqa: E402


def camera_photo(width=4000, height=3000) -> bytes:
    """A photo-like picture (smooth gradients and fine detail), with GPS EXIF."""
    detail = Image.effect_mandelbrot((width, height), (-2.2, -1.2, 1.0, 1.2), 64)
    gradient = Image.linear_gradient("L").resize((width, height))
    picture = Image.merge("RGB", (detail, gradient, Image.effect_noise((width, height), 40)))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}
    output = io.BytesIO()
    picture.save(output, "JPEG", quality=90, exif=exif.tobytes())
    return output.getvalue()


def run_once(photo: bytes) -> dict:
    with tempfile.TemporaryDirectory() as folder, override_settings(MEDIA_ROOT=folder):
        started = time.perf_counter()
        master = renditions.master_from_upload(SimpleUploadedFile("photo.jpg", photo))
        checked = time.perf_counter()
        stored = renditions.store(master)
        done = time.perf_counter()
        sizes = {
            entry["name"].rsplit("/", 1)[1]: default_storage.size(entry["name"])
            for entry in stored.renditions["sources"] + stored.renditions["fallback"]
        }
        sizes["share.jpg"] = default_storage.size(stored.renditions["share"])
    return {"check+master": checked - started, "renditions": done - checked,
            "total": done - started, "sizes": sizes, "master": len(master)}  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    photo = camera_photo()
    print(f"upload: 4000 × 3000 JPEG with GPS EXIF, {len(photo) / 1e6:.1f} MB")
    runs = [run_once(photo) for _ in range(args.repeats)]
    best = min(runs, key=lambda run: run["total"])
    for step in ("check+master", "renditions", "total"):
        print(f"{step:>13}: {best[step]:.2f} s (best of {len(runs)})")
    print(f"master (2400 px JPEG, no metadata): {best['master'] / 1000:.0f} KB")
    for name, size in sorted(best["sizes"].items(), key=lambda item: item[0]):
        print(f"  {name:>10}: {size / 1000:6.1f} KB")


if __name__ == "__main__":
    main()
