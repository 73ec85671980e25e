# The C extension links libpq (libpq-dev at build time, libpq5 at run time), as psycopg2 does.
from setuptools import Extension, setup

setup(
    package_dir={"": "src"},
    packages=["pgdsn"],
    ext_modules=[
        Extension(
            "pgdsn._libpq",
            sources=["src/pgdsn/_libpq.c"],
            include_dirs=["/usr/include/postgresql"],
            libraries=["pq"],
        )
    ],
)
