from setuptools import Extension, setup

setup(
    name="textkit",
    version="0.4.0",
    description="Text statistics with a C fast path",
    package_dir={"": "src"},
    packages=["textkit"],
    ext_modules=[Extension("textkit._speedups", ["src/textkit/_speedups.c"])],
    python_requires=">=3.9",
)
