"""Connection strings for PostgreSQL, read by libpq (the C library) rather than by hand."""

from ._libpq import parse as _parse, version as _version

__all__ = ["parse", "describe", "libpq_major"]

SECRET_KEYS = {"password", "sslpassword"}


def parse(dsn: str) -> dict:
    """The options a connection string sets, as libpq understands them."""
    return _parse(dsn)


def describe(dsn: str) -> list:
    """Lines describing the options, with secrets masked."""
    options = parse(dsn)
    return [f"{k} = {'*' * 8 if k in SECRET_KEYS else v}" for k, v in sorted(options.items())]


def libpq_major() -> int:
    """libpq's major version (PQlibVersion is major * 10000 + minor)."""
    return _version() // 10000
