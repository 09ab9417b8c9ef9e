"""How long each hostile input takes to be read or refused, slowest first.

    .venv/bin/python bench/hostile_input.py              # every input, best of 3
    .venv/bin/python bench/hostile_input.py --repeats 1  # a quicker, noisier run

Runs every input of `tests/hostile_inputs.py` (Markdown, articles, uploaded images and
search queries, each as large as the site accepts) through the parser the site gives it to,
on a throwaway SQLite database with the demo content, and prints the wall time of each
(best of `--repeats`) and what became of it: read, or refused with the message editors
see. The slowest is what one hostile request can cost a worker; the readers' deadline
(DJANGO_REQUEST_DEADLINE_SECONDS) and the import's limits bound it in production. Prints
figures only; it sets no pass mark (tests/test_hostile_input.py does).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{folder}/hostile.sqlite3"
        os.environ["DJANGO_MEDIA_ROOT"] = folder  # images that are read are stored
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stretchsite.settings")
        import django

        django.setup()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("load_demo_content", verbosity=0)

        from tests.hostile_inputs import ALL, run

        rows = []
        for hostile in ALL:
            best, outcome = float("inf"), ""
            for _ in range(args.repeats):
                started = time.perf_counter()
                outcome = run(hostile)
                best = min(best, time.perf_counter() - started)
            rows.append((best, hostile, outcome))

    rows.sort(key=lambda row: row[0], reverse=True)
    print(f"{'seconds':>8}  {'kind':<8}  {'input':<48}  outcome")
    for seconds, hostile, outcome in rows:
        print(f"{seconds:8.3f}  {hostile.kind:<8}  {hostile.name[:48]:<48}  {outcome[:70]}")
    slowest_seconds, slowest, _ = rows[0]
    print(
        f"\nslowest: {slowest.kind} '{slowest.name}' in {slowest_seconds:.3f} s; "
        f"{len(rows)} inputs, {sum(1 for row in rows if row[2] == 'read')} read, "
        f"{sum(1 for row in rows if row[2] != 'read')} refused"
    )


if __name__ == "__main__":
    main()
