#!/usr/bin/env python
"""FAQ search benchmark: relevance on our own corpus, then latency at scale, on SQLite and
PostgreSQL, beside a naive `icontains` scan of the same data.

    .venv/bin/python bench/search.py                      # 10,000 exercises, 100,000 FAQs
    .venv/bin/python bench/search.py --exercises 500      # a quick run
    .venv/bin/python bench/search.py --engines sqlite     # one engine only

SQLite uses a throw-away file under /tmp; PostgreSQL uses its own database (dropped and
created again: never point --postgres-url at a database you care about).
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = "/tmp/stretchsite_search_bench.sqlite3"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/search_bench"

# Words of our domain, used most often, and made-up filler words for a large vocabulary.
DOMAIN = """stretch stretching hamstring hamstrings hip hips flexor knee knees back lower upper
spine shoulder shoulders neck calf calves ankle ankles wrist elbow glutes quadriceps thigh
groin chest arm arms foot feet heel tendon muscle muscles joint joints pain sore soreness
tight tightness stiff stiffness hold holding breathe breathing warm warmup cool recovery
injury injured safe safety beginner advanced posture desk sitting standing kneeling lying
floor mat strap block towel chair wall doorway rotate rotation twist bend bending reach
pull push lean slowly gently daily weekly morning evening routine range mobility flexible
flexibility balance core brace tingling numb numbness sciatica disc herniated bulging
pregnant pregnancy running runner cycling swimming lifting squat lunge plank bridge
yoga pilates physiotherapist doctor surgery rehab strain sprain cramp cramping ache
aching burning pinch pinching click clicking swelling seconds minutes repetitions reps
sets progress progression difficulty easier harder comfortable uncomfortable""".split()  # noqa: SIM905
COMMON = """the a to and you your it is of in for with on this that can be if do i my as
at or not but so are when will should how what from more have""".split()  # noqa: SIM905
SYLLABLES = "ka lo mi re sa tu ven dor pel qui ran zo bel fin gar hux jor lem nast".split()  # noqa: SIM905
PUNCTUATION = [".", ",", "", "", "", ""]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--exercises", type=int, default=10_000)
    parser.add_argument("--faqs-per-exercise", type=int, default=10)
    parser.add_argument("--queries", type=int, default=300, help="queries in the mix")
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--sqlite-path", default=DEFAULT_SQLITE)
    parser.add_argument("--postgres-url", default=DEFAULT_POSTGRES)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--engine", help=argparse.SUPPRESS)  # set for the worker process
    return parser.parse_args()


# The parent process: one worker per engine, each with its own DATABASE_URL -------------


def main():
    args = parse_args()
    if args.engine:
        return worker(args)
    reports = []
    for engine in [e.strip() for e in args.engines.split(",") if e.strip()]:
        if engine == "sqlite":
            Path(args.sqlite_path).unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(args.sqlite_path + suffix).unlink(missing_ok=True)
            url = f"sqlite:///{args.sqlite_path}"
        elif engine == "postgres":
            recreate_postgres_database(args.postgres_url)
            url = args.postgres_url
        else:
            sys.exit(f"Unknown engine {engine!r}: use sqlite and/or postgres.")
        print(f"\n=== {engine} ({url}) ===", flush=True)
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "stretchsite.settings"}
        command = [sys.executable, __file__, "--engine", engine, *sys.argv[1:]]
        env["PYTHONUNBUFFERED"] = "1"
        report = None
        with subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True
        ) as worker_process:
            for line in worker_process.stdout:
                if line.startswith("{"):
                    report = json.loads(line)
                else:
                    print(line, end="", flush=True)
        if worker_process.returncode or report is None:
            sys.exit(f"{engine} worker failed (exit {worker_process.returncode}).")
        reports.append(report)
    print_summary(reports, args)


def recreate_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def print_summary(reports, args):
    print("\n=== Summary ===")
    print(
        f"{args.exercises:,} exercises, {args.exercises * args.faqs_per_exercise:,} FAQ "
        f"entries, {args.queries} queries (keywords, phrases, questions, typos, synonyms)\n"
    )
    header = (
        f"{'engine':<10} {'recall@3':>8} {'MRR':>6} {'index s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'CPU p95':>8} {'naive p50':>10} {'naive p95':>10} {'p95 ratio':>10} "
        f"{'load':>5} {'vec MB':>7} {'rec p95':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in reports:
        print(
            f"{r['engine']:<10} {r['recall_at_3']:>8.3f} {r['mrr']:>6.3f} {r['index_s']:>8.1f} "
            f"{r['p50']:>8.1f} {r['p95']:>8.1f} {r['cpu_p95'] + r['server_cpu_mean']:>8.1f} "
            f"{r['naive_p50']:>10.1f} {r['naive_p95']:>10.1f} "
            f"{r['naive_p95'] / r['p95']:>9.1f}x {r['load']:>5.1f} {r['vectors_mb']:>7.1f} "
            f"{r['record_p95']:>7.2f}"
        )
    print(
        "\nTargets with meaning-based ranking on (issue 15): p95 under 30 ms, vectors at most "
        "64 MB per process ('vec MB'), index (keyword and vectors, 'index s') within 60 s; "
        "recording a search for the insights ('rec p95', ms) under 1 ms."
        "\np95 target: under 50 ms with typo tolerance on. 'p95 ratio' = naive p95 / search "
        "p95. 'CPU p95' = CPU time of a search at p95 (for PostgreSQL, plus the server's mean "
        "CPU per search): what a search costs when it does not wait for a busy CPU. 'load' = "
        "the machine's load average during the run."
    )


# The worker: runs inside Django with one engine ------------------------------------------


def worker(args):
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: measure what production runs
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    report = {"engine": args.engine}

    from tests.search.relevance import evaluate, evaluate_by_kind

    load_relevance_corpus()
    print("relevance, recall@3 and MRR by kind of query:", flush=True)
    for meaning_on in (False, True):
        settings.SEARCH_MEANING = meaning_on
        label = "keywords and meaning" if meaning_on else "keywords only"
        for kind, kind_scores in evaluate_by_kind().items():
            print(f"  {label:<20} {kind:<12} {kind_scores}", flush=True)
        scores = evaluate()
        print(f"  {label:<20} {'overall':<12} {scores}", flush=True)
    report.update(recall_at_3=scores.recall_at_3, mrr=scores.mrr)
    for query, rank in scores.misses:
        print(f"  not first: {query!r} (rank {rank})")
    clear_content()

    rng = random.Random(args.seed)
    vocabulary = make_vocabulary(rng)
    started = time.perf_counter()
    generate(rng, vocabulary, args.exercises, args.faqs_per_exercise)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # as autovacuum would soon after a bulk load
    print(f"generated content in {time.perf_counter() - started:.1f} s", flush=True)
    from exercises.search import rebuild_index

    started = time.perf_counter()
    from django.db import transaction

    from exercises.search import meaning

    seconds = {"embedding": 0.0, "writing": 0.0}

    def timed(step, function):
        def run(*args):
            began = time.perf_counter()
            result = function(*args)
            seconds[step] += time.perf_counter() - began
            return result

        return run

    rows, insert = meaning.rows, meaning.insert
    meaning.rows, meaning.insert = timed("embedding", rows), timed("writing", insert)
    started_cpu = time.process_time()
    with transaction.atomic():
        count = rebuild_index()
    meaning.rows, meaning.insert = rows, insert
    report["index_s"] = time.perf_counter() - started
    report["index_cpu_s"] = time.process_time() - started_cpu
    print(
        f"indexed {count:,} FAQ entries in {report['index_s']:.1f} s (keyword and vectors; "
        f"embedding, in a thread beside the keyword index: {seconds['embedding']:.1f} s, "
        f"writing the vectors: {seconds['writing']:.1f} s); "
        f"CPU time of this process {report['index_cpu_s']:.1f} s ("
        + ("with SQLite's, all of it" if args.engine == "sqlite" else "PostgreSQL's not counted")
        + "; the model's tokenizer may use a second core)",
        flush=True,
    )

    started = time.perf_counter()
    vectors = meaning.load_matrix(None)
    report["vectors_load_s"] = time.perf_counter() - started
    report["vectors_mb"] = vectors.nbytes / 2**20
    print(
        f"vectors: {len(vectors.faq_ids):,} x {meaning.DIMENSIONS} dimensions, int8 with a "
        f"float32 scale and 256 sign bits each: {report['vectors_mb']:.1f} MB per process, "
        f"loaded in {report['vectors_load_s']:.2f} s (after each content change)",
        flush=True,
    )
    del vectors

    queries = query_mix(random.Random(args.seed + 1), vocabulary, args.queries)
    load_before = os.getloadavg()[0]
    search_times, cpu_times, server_ms, counts = time_search(queries)
    naive_times = time_naive(queries)
    report.update(
        p50=percentile(search_times, 50),
        p95=percentile(search_times, 95),
        cpu_p50=percentile(cpu_times, 50),
        cpu_p95=percentile(cpu_times, 95),
        server_cpu_mean=server_ms,
        naive_p50=percentile(naive_times, 50),
        naive_p95=percentile(naive_times, 95),
        load=max(load_before, os.getloadavg()[0]),
    )
    print(
        f"search: p50 {report['p50']:.1f} ms, p95 {report['p95']:.1f} ms, max "
        f"{max(search_times):.1f} ms; median results {statistics.median(counts):.0f}\n"
        f"  CPU time in this process (Django{' + SQLite' if args.engine == 'sqlite' else ''}): "
        f"p50 {report['cpu_p50']:.1f} ms, p95 {report['cpu_p95']:.1f} ms"
        + (f"; PostgreSQL server CPU: {server_ms:.1f} ms per query on average" if server_ms else "")
        + f"\n  machine load average during the run: {report['load']:.1f} "
        f"(on {os.cpu_count()} cores: above that, wall-clock times include waiting for a CPU)\n"
        f"naive icontains: p50 {report['naive_p50']:.1f} ms, p95 {report['naive_p95']:.1f} ms",
        flush=True,
    )
    settings.SEARCH_MEANING = False
    keyword_times, keyword_cpu, _, _ = time_search(queries)
    settings.SEARCH_MEANING = True
    report.update(
        keyword_p95=percentile(keyword_times, 95), keyword_cpu_p95=percentile(keyword_cpu, 95)
    )
    print(
        f"the same queries by keywords only: p50 {percentile(keyword_times, 50):.1f} ms, p95 "
        f"{report['keyword_p95']:.1f} ms; CPU p95 {report['keyword_cpu_p95']:.1f} ms",
        flush=True,
    )
    record_ms, view_ms = time_recording(queries, counts)
    report.update(record_p95=percentile(record_ms, 95), record_view_p95=percentile(view_ms, 95))
    print(
        f"recording a search (search insights, one INSERT): p50 {percentile(record_ms, 50):.2f} "
        f"ms, p95 {report['record_p95']:.2f} ms; the whole POST /search/record/ request "
        f"through Django: p95 {report['record_view_p95']:.2f} ms (a request of its own: the "
        "search itself does not wait for it)",
        flush=True,
    )
    by_kind: dict[str, list[float]] = {}
    for (kind, _), ms in zip(queries, search_times, strict=True):
        by_kind.setdefault(kind, []).append(ms)
    for kind, times in by_kind.items():
        print(f"  {kind:<10} n={len(times):<4} p50 {percentile(times, 50):6.1f} ms  "
              f"p95 {percentile(times, 95):6.1f} ms")  # fmt: skip
    print(json.dumps(report), flush=True)


def load_relevance_corpus():
    from django.db import transaction

    from tests.search.conftest import load_corpus

    with transaction.atomic():
        load_corpus()


def clear_content():
    """Remove the relevance corpus (a few dozen guides): deleting the exercises deletes
    their rows of every section and their links."""
    from exercises.models import Exercise
    from exercises.search import rebuild_index

    Exercise.objects.all().delete()
    rebuild_index()


def make_vocabulary(rng: random.Random) -> list[str]:
    """Words in order of frequency, as in real text: common little words first (queries
    drop them), then our domain words mixed with filler, then a long tail of rare words.
    A domain word then appears in roughly 1% to 25% of the entries."""
    filler = set()
    while len(filler) < 6000:
        filler.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    filler = sorted(filler)
    rng.shuffle(filler)
    middle = DOMAIN + filler[:300]
    rng.shuffle(middle)
    return COMMON + middle + filler[300:]


def generate(rng, vocabulary, n_exercises, faqs_per_exercise):
    from itertools import accumulate

    from exercises.models import BodyPart, Exercise, Faq

    # Zipf-like: a few words are very common, most are rare, as in real text.
    weights = list(accumulate(1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))))

    def sentence(low, high):
        words = rng.choices(vocabulary, cum_weights=weights, k=rng.randint(low, high))
        return " ".join(w + rng.choice(PUNCTUATION) for w in words).rstrip(",.")

    parts = [BodyPart.objects.get_or_create(name=n)[0] for n in
             ("Back", "Hips", "Legs", "Shoulders", "Neck", "Arms", "Chest", "Core")]  # fmt: skip
    exercises = [
        Exercise(
            name=f"{sentence(2, 3).title()} {i}",
            slug=f"bench-exercise-{i}",
            status="published" if i % 10 else "draft",
            body_part=parts[i % len(parts)],
        )
        for i in range(n_exercises)
    ]
    Exercise.objects.bulk_create(exercises, batch_size=2000)
    ids = list(Exercise.objects.values_list("pk", flat=True))
    batch = []
    for exercise_id in ids:
        for order in range(faqs_per_exercise):
            batch.append(
                Faq(
                    exercise_id=exercise_id,
                    order=order,
                    anchor=f"q{order}",
                    question=sentence(5, 11).capitalize() + "?",
                    answer=". ".join(sentence(8, 16).capitalize() for _ in range(3)) + ".",
                )
            )
            if len(batch) >= 5000:
                Faq.objects.bulk_create(batch)
                batch = []
    Faq.objects.bulk_create(batch)


def typo(rng, word):
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "swap", "double", "change"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "swap":
        return word[: i - 1] + word[i] + word[i - 1] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    return word[:i] + rng.choice("aeiourstn") + word[i + 1 :]


def query_mix(rng, vocabulary, n):
    long_words = [w for w in DOMAIN if len(w) >= 6]
    kinds = [
        ("keyword", lambda: rng.choice(DOMAIN)),
        ("two words", lambda: f"{rng.choice(DOMAIN)} {rng.choice(DOMAIN)}"),
        ("rare word", lambda: rng.choice(vocabulary[-3000:])),
        ("phrase", lambda: f'"{rng.choice(DOMAIN)} {rng.choice(DOMAIN)}"'),
        ("question", lambda: f"how do I stop my {rng.choice(DOMAIN)} {rng.choice(DOMAIN)}?"),
        ("typo", lambda: f"{typo(rng, rng.choice(long_words))} {rng.choice(DOMAIN)}"),
        ("typo", lambda: typo(rng, rng.choice(long_words))),
        ("synonym", lambda: rng.choice(["hammies", "low back pain", "lats stretch", "quads"])),
    ]
    return [(kind, make()) for kind, make in (rng.choice(kinds) for _ in range(n))]


def run_search(text):
    """What the results page runs: count, first page with snippets, exercise names."""
    from exercises.search import search

    results = search(text)
    count = results.count()
    list(results[:10])
    results.exercises  # noqa: B018
    return count


def backend_cpu_seconds() -> float:
    """CPU time used so far by this connection's PostgreSQL server process (same machine)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def time_search(queries):
    """Wall-clock time per query, and CPU time (this process, which includes SQLite; plus
    the PostgreSQL server process, measured over the whole run) to see past a busy machine."""
    for _, text in queries[:20]:  # warm caches and connections
        run_search(text)
    times, cpu, counts = [], [], []
    server_before = backend_cpu_seconds()
    for _, text in queries:
        started, started_cpu = time.perf_counter(), time.process_time()
        counts.append(run_search(text))
        times.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    server_ms = (backend_cpu_seconds() - server_before) * 1000 / len(queries)
    return times, cpu, server_ms, counts


def run_naive(text):
    """The obvious ORM search: every word somewhere in the question or the answer."""
    from django.db.models import Q

    from exercises.models import Faq
    from exercises.search.text import words

    faqs = Faq.objects.filter(exercise__status="published")
    for word in words(text)[:10]:
        faqs = faqs.filter(Q(question__icontains=word) | Q(answer__icontains=word))
    count = faqs.count()
    list(faqs.select_related("exercise")[:10])
    return count


def time_recording(queries, counts):
    from django.conf import settings
    from django.test import Client
    from django.urls import reverse

    from exercises.search import insights

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    inserts, requests = [], []
    client = Client()
    url = reverse("search:record")
    for (_, text), count in zip(queries, counts, strict=True):
        started = time.perf_counter()
        insights.record(text, count)
        inserts.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.post(url, {"q": text, "results": min(count, 1000)})
        requests.append((time.perf_counter() - started) * 1000)
    return inserts, requests


def time_naive(queries):
    sample = queries[: max(20, len(queries) // 3)]  # the naive scan is slow; fewer runs
    run_naive(sample[0][1])
    times = []
    for _, text in sample:
        started = time.perf_counter()
        run_naive(text)
        times.append((time.perf_counter() - started) * 1000)
    return times


def percentile(values, pct):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


if __name__ == "__main__":
    main()
