"""Server render time and compressed size of the site's pages, measured in-process.

    .venv/bin/python bench/render.py [--requests 200] [PATH ...]

Builds the app on a fresh SQLite database in a temporary folder, warms each page up, then
times --requests GETs of each path through the WSGI app (no network), and prints p50/p95 in
milliseconds with the gzip-compressed size of the response.
"""

import argparse
import statistics
import tempfile
import time

from flask_migrate import upgrade

from app import create_app
from app.config import TestConfig

DEFAULT_PATHS = [
    "/", "/help-now", "/privacy", "/learn", "/learn?topic=pain",
    "/learn/worry-and-thinking-patterns", "/learn/sleep/share",
]


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=DEFAULT_PATHS)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        app = create_app(TestConfig(f"sqlite:///{folder}/bench.db"))
        with app.app_context():
            upgrade()
        client = app.test_client()
        print(f"{'path':44} {'p50 ms':>7} {'p95 ms':>7} {'gzip bytes':>10}")
        for path in args.paths:
            for _ in range(10):
                client.get(path)
            samples = []
            for _ in range(args.requests):
                start = time.perf_counter()
                response = client.get(path, headers={"Accept-Encoding": "gzip"})
                samples.append((time.perf_counter() - start) * 1000)
            print(
                f"{path:44} {statistics.median(samples):7.2f} {percentile(samples, 0.95):7.2f} "
                f"{len(response.data):10d}"
            )


if __name__ == "__main__":
    main()
