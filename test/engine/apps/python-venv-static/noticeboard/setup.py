from setuptools import find_packages, setup

setup(
    name="noticeboard",
    version="0.9.0",
    description="A read-only notice board served with the standard library",
    package_dir={"": "src"},
    packages=find_packages("src"),
    python_requires=">=3.9",
    entry_points={"console_scripts": ["noticeboard = noticeboard.server:main"]},
)
