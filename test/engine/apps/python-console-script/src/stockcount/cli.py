"""The `stockcount` command: reads the inventory that is installed with the package."""

import argparse
import json
import os
import sys
from importlib import resources

from . import __version__


def load() -> dict:
    return json.loads(resources.files("stockcount").joinpath("inventory.json").read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="stockcount")
    parser.add_argument("--warehouse", action="append", help="only these warehouses")
    parser.add_argument("--min", type=int, default=0, help="hide items below this count")
    args = parser.parse_args(argv)
    inventory = load()
    wanted = args.warehouse or sorted(inventory)
    print(f"stockcount {__version__}")
    # Settings the image carries for pip also tell this tool how it was installed.
    print(f"installed with pip cache {'off' if os.environ.get('PIP_NO_CACHE_DIR') else 'on'}, "
          f"version check {'off' if os.environ.get('PIP_DISABLE_PIP_VERSION_CHECK') else 'on'}")
    missing = 0
    for name in wanted:
        stock = inventory.get(name)
        if stock is None:
            print(f"{name}: no such warehouse", file=sys.stderr)
            missing += 1
            continue
        items = {k: v for k, v in sorted(stock["items"].items()) if v >= args.min}
        print(f"{name}: {stock['pallets']} pallets, {sum(items.values())} items")
        for item, count in items.items():
            print(f"  {item:<8} {count:>7}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
