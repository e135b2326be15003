"""Installs are reproducible and a plain `pip install .` works: the lock pins every declared
dependency with hashes, and the wheel carries the data, the font and the licences."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked(lock: str = "requirements.txt") -> dict[str, list[str]]:
    """Package name -> its hashes, read from a lock file."""
    pins: dict[str, list[str]] = {}
    name = None
    for line in (ROOT / lock).read_text(encoding="utf-8").splitlines():
        if m := re.match(r"^([A-Za-z0-9_.\-]+)==([^ ;]+)", line):
            name = canonicalize_name(m.group(1))
            pins.setdefault(name, [m.group(2)])
        elif name and (h := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            pins[name].append(h.group(1))
    return pins


def test_the_images_lock_is_the_runtime_part_of_the_lock():
    """requirements-app.txt (the container's) pins exactly what requirements.txt pins, with the
    same hashes, for every runtime dependency, and leaves the test tools out."""
    full, app = locked(), locked("requirements-app.txt")
    for name, pin in app.items():
        assert full.get(name) == pin, f"{name}: the two locks differ (run `make lock`)"
    extras = PYPROJECT["project"]["optional-dependencies"]
    runtime = {
        canonicalize_name(Requirement(d).name) for d in PYPROJECT["project"]["dependencies"] + extras["build"]
    }
    assert runtime <= set(app), runtime - set(app)
    dev = {canonicalize_name(Requirement(d).name) for d in extras["dev"]}
    assert not (dev - runtime) & set(app), (dev - runtime) & set(app)


def test_lock_pins_every_declared_dependency_with_hashes():
    declared = PYPROJECT["project"]["dependencies"] + PYPROJECT["project"]["optional-dependencies"]["dev"]
    pins = locked()
    missing = [r for r in declared if canonicalize_name(Requirement(r).name) not in pins]
    assert not missing, f"not in requirements.txt (run `make lock`): {missing}"
    assert all(pins.values()), [n for n, h in pins.items() if not h]
    assert PYPROJECT["project"]["license"].split()[0] == "MIT"  # an SPDX expression, not a table


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("tpatlas-*.whl")
    return built


def tracked_files(folder: str) -> list[str]:
    """The files git tracks under ``folder`` (every file there, outside a git checkout)."""
    listed = subprocess.run(
        ["git", "ls-files", folder], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    found = (p for p in (ROOT / folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return listed or [str(p.relative_to(ROOT)) for p in found]


def tracked_data_files() -> list[str]:
    return tracked_files("data")


@pytest.mark.slow
def test_wheel_carries_every_data_file_the_font_and_the_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    # every file of the package's source tree: its subpackages (the map component) and assets
    for path in tracked_files("src/tpatlas"):
        assert path.removeprefix("src/") in names, (
            f"{path} is not in the wheel: add its package or pattern in pyproject.toml"
        )
    for path in tracked_data_files():
        inside = "tpatlas/_data/" + path.removeprefix("data/")
        assert inside in names, (
            f"{path} is not in the wheel: add its pattern to package-data in pyproject.toml"
        )
    assert {"tpatlas/fonts/DejaVuSans.ttf", "tpatlas/fonts/DejaVuSans-Bold.ttf"} <= names
    licences = {n.split("/licenses/", 1)[1] for n in names if "/licenses/" in n}
    assert {"LICENSE", "data/README.md", "src/tpatlas/fonts/LICENSE-DejaVu.txt"} <= licences


@pytest.mark.slow
def test_installed_wheel_finds_its_data_outside_the_checkout(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import pkgutil, importlib, tpatlas, tpatlas.data as d, tpatlas.handout as h;"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(tpatlas.__path__, 'tpatlas.')];"
        "a = d.load_atlas_from(d.PACKAGED_DATA);"
        "print(tpatlas.__file__); print(d.PACKAGED_DATA); print(len(a.trigger_points)); print(h.FONT_DIR)"
    )
    env = {k: v for k, v in os.environ.items() if k != "TPATLAS_DATA_DIR"} | {"PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    module, data, count, fonts = out[:4]
    assert module.startswith(str(target)), module
    assert data == str(target / "tpatlas" / "_data")
    assert int(count) > 0
    assert (Path(fonts) / "DejaVuSans.ttf").is_file() and fonts.startswith(str(target))
