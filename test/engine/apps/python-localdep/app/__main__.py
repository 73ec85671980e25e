import argparse
import os
import pathlib
import sys

import textkit

TEXTS = pathlib.Path(__file__).parent / "texts"


def main(argv=None):
    parser = argparse.ArgumentParser(prog="readability")
    parser.add_argument("--report", action="store_true", help="print the full report")
    parser.add_argument("--top", type=int, default=int(os.environ.get("REPORT_TOP", "3")))
    args = parser.parse_args(argv)

    files = sorted(TEXTS.glob("*.txt"))
    if not files:
        print("no texts found", file=sys.stderr)
        return 1
    print(f"textkit native speedups: {textkit.NATIVE}")
    for path in files:
        stats = textkit.analyse(path.read_text(encoding="utf-8"), top=args.top)
        print(f"{path.name}: {stats.words} words, {stats.sentences} sentences, ease {stats.flesch}")
        if args.report:
            for word, count in stats.common:
                print(f"    {word:<12} {count}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
