"""The shared layer as deployed, built for measuring; and the Lambda runtime's own packages.

`build(platform, dest)` builds the layer the way `sam build` does for the template's
`BuildMethod`, into `dest/python` (the layer's `/opt/python`). The bench builds it twice:
for this machine, to run the handlers on it, and for arm64 (the functions' architecture),
to report the deployment size.

`runtime(dest)` makes the directory that stands for the runtime's `/var/runtime`: the
packages the Lambda Python runtime ships (boto3 and what it needs), linked from this
project's virtual environment.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYER_SOURCE = ROOT / "layers" / "common"
ARM64 = "manylinux2014_aarch64"
# What the Lambda Python runtime ships next to the interpreter, as distributions and modules.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "dateutil", "six")


def host_platform() -> str:
    return f"manylinux2014_{platform.machine()}"


def build(pip_platform: str, dest: Path) -> Path:
    """The built layer for `pip_platform` in `dest`; returns the directory that is /opt/python."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    _build_like_sam_python_builder(pip_platform, dest)
    return dest / "python"


def _build_like_sam_python_builder(pip_platform: str, dest: Path) -> None:
    """BuildMethod python3.12: requirements.txt installed with pip, the sources copied, nothing compiled."""
    target = dest / "python"
    _pip(
        "install",
        "--quiet",
        "--no-compile",
        "--target",
        str(target),
        "--platform",
        pip_platform,
        "--implementation",
        "cp",
        "--python-version",
        "3.12",
        "--only-binary=:all:",
        "-r",
        str(LAYER_SOURCE / "requirements.txt"),
    )
    shutil.copytree(LAYER_SOURCE / "calendar_exceptions", target / "calendar_exceptions")


def _pip(*args: str) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    completed = subprocess.run(
        [sys.executable, "-m", "pip", *args], env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        raise RuntimeError(f"pip {' '.join(args)} failed:\n{completed.stderr[-3000:]}")


def runtime(dest: Path) -> Path:
    """A directory holding (links to) the packages the Lambda runtime provides, from this virtualenv."""
    import boto3

    site = Path(boto3.__file__).resolve().parent.parent
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for entry in site.iterdir():
        stem = entry.name.split("-")[0].split(".")[0].lower().replace("python_", "")
        if stem in RUNTIME_PACKAGES:
            (dest / entry.name).symlink_to(entry)
    return dest


def tree_size(path: Path) -> tuple[int, int]:
    """Bytes and files under `path`, as Lambda counts a layer's unzipped size."""
    total = files = 0
    for root, _, names in os.walk(path):
        for name in names:
            file = Path(root) / name
            if not file.is_symlink():
                total += file.stat().st_size
                files += 1
    return total, files


def largest(path: Path, count: int = 8) -> list[tuple[str, int]]:
    """The biggest top-level entries of a built layer's python/ directory."""
    sizes = []
    for entry in path.iterdir():
        size = tree_size(entry)[0] if entry.is_dir() else entry.stat().st_size
        sizes.append((entry.name, size))
    return sorted(sizes, key=lambda item: -item[1])[:count]
