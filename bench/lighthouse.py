"""Lighthouse on the production-like site: performance, accessibility, best practices and
SEO for the home page, the list, an exercise page, a browse page and search. Target: 100 in
each. Not part of CI (a run takes about a minute and needs npm's `lighthouse`).

    .venv/bin/python bench/lighthouse.py                        # starts its own server
    .venv/bin/python bench/lighthouse.py --url http://127.0.0.1:8000   # a running `make serve`

Lighthouse and Chromium run offline: `npm install --prefix ~/.cache/stretchsite-node
lighthouse@13.5.0` (or set LIGHTHOUSE to its binary) and `apt-get install chromium`. The
JSON reports go to test-artifacts/lighthouse/. Exits non-zero when a score is below 100.
"""

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from server import ROOT, production_server  # noqa: E402

PAGES = {
    "home": "/",
    "list": "/exercises/",
    "exercise": "/exercises/dynamic-back-stretch-kneeling/",
    "browse": "/body-parts/",
    "search": "/search/",
}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
REPORTS = ROOT / "test-artifacts" / "lighthouse"
# As `make serve`: plain http on this machine, so the https-only settings are off.
PLAIN_HTTP = {
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_SECURE_COOKIES": "0",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
}


def lighthouse_binary() -> str:
    default = Path.home() / ".cache/stretchsite-node/node_modules/.bin/lighthouse"
    return os.environ.get("LIGHTHOUSE") or str(default)


def audit(url: str, name: str) -> dict[str, int]:
    report = REPORTS / f"{name}.json"
    subprocess.run(
        [
            lighthouse_binary(), url,
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json", f"--output-path={report}", "--quiet",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=300,
    )  # fmt: skip
    result = json.loads(report.read_text())
    scores = {key: round(result["categories"][key]["score"] * 100) for key in CATEGORIES}
    for key in CATEGORIES:  # say what cost points
        for ref in result["categories"][key]["auditRefs"]:
            found = result["audits"][ref["id"]]
            if ref["weight"] and found["score"] is not None and found["score"] < 1:
                print(f"  {name} / {key}: {found['id']}: {found['title']}")
    return scores


def run(base_url: str) -> int:
    REPORTS.mkdir(parents=True, exist_ok=True)
    print(f"{'page':<10}" + "".join(f"{key:>16}" for key in CATEGORIES))
    below = 0
    for name, path in PAGES.items():
        scores = audit(base_url + path, name)
        below += sum(score < 100 for score in scores.values())
        print(f"{name:<10}" + "".join(f"{scores[key]:>16}" for key in CATEGORIES), flush=True)
    print(f"Reports: {REPORTS}")
    return 1 if below else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running production-like server, e.g. make serve's")
    args = parser.parse_args()
    if args.url:
        return run(args.url.rstrip("/"))
    with production_server(env=PLAIN_HTTP) as server:
        return run(server.base_url)


if __name__ == "__main__":
    sys.exit(main())
