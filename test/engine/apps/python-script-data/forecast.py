"""Forecasts the load for the next hours from the table made at build time (data/table.json)."""

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--table", required=True)
    parser.add_argument("--from-hour", type=int, default=6)
    parser.add_argument("--hours", type=int, default=8)
    parser.add_argument("--capacity", type=float, default=40.0)
    args = parser.parse_args()
    try:
        with open(args.table) as f:
            table = json.load(f)
    except OSError as e:
        print(f"forecast: {e}", file=sys.stderr)
        return 1
    unit = table["unit"]
    over = 0
    print(f"{'hour':>4} {'expected':>9} {'p90':>7}")
    for i in range(args.hours):
        hour = (args.from_hour + i) % 24
        row = table["hours"][str(hour)]
        flag = ""
        if row["p90"] > args.capacity:
            flag = "  over capacity"
            over += 1
        print(f"{hour:>4} {row['mean']:>6.1f} {unit} {row['p90']:>5.1f}{flag}")
    print(f"{over} of {args.hours} hours may exceed {args.capacity:g} {unit}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
