"""Build step: turns the raw hourly readings into the lookup table the forecast script reads."""

import csv
import json
import statistics
import sys
from collections import defaultdict


def main(src: str, dst: str) -> None:
    by_hour = defaultdict(list)
    with open(src, newline="") as f:
        for row in csv.DictReader(f):
            by_hour[int(row["hour"])].append(float(row["load_kw"]))
    table = {
        str(h): {"mean": round(statistics.mean(v), 2), "p90": round(sorted(v)[int(0.9 * (len(v) - 1))], 2), "n": len(v)}
        for h, v in sorted(by_hour.items())
    }
    with open(dst, "w") as f:
        json.dump({"unit": "kW", "hours": table}, f, indent=1, sort_keys=True)
    print(f"wrote {len(table)} hours to {dst}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
