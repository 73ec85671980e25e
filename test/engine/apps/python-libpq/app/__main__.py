"""Checks the database settings the service would connect with, without connecting."""

import os
import sys

import pgdsn


def main() -> int:
    print(f"libpq {pgdsn.libpq_major()}")
    status = 0
    for name in ("DATABASE_URL", "REPLICA_DSN", "BROKEN_DSN"):
        value = os.environ.get(name)
        if value is None:
            print(f"{name}: not set")
            continue
        try:
            lines = pgdsn.describe(value)
        except ValueError as e:
            print(f"{name}: invalid: {str(e).strip()}")
            status = 1
            continue
        print(f"{name}:")
        for line in lines:
            print(f"  {line}")
    return status


if __name__ == "__main__":
    sys.exit(main())
