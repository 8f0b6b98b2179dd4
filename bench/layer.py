"""The shared layer as deployed, built for measuring; and the Lambda runtime's own packages.

`build(platform, dest)` builds the layer with the Makefile target `sam build` runs for it
(layers/common/Makefile), into `dest/python` (the layer's `/opt/python`). The bench builds it twice:
for this machine, to run the handlers on it, and for arm64 (the functions' architecture),
to report the deployment size. `name="FeedsLayer"` builds the feeds layer (icalendar) the same
way, which only the functions listing it in their `Layers` (`own_layers`) have.

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
RUNTIME_PROVIDED = LAYER_SOURCE / "runtime-provided.txt"


def host_platform() -> str:
    return f"manylinux2014_{platform.machine()}"


def build(pip_platform: str, dest: Path, source: Path = LAYER_SOURCE, name: str = "CommonLayer") -> Path:
    """The built layer `name` (from `source`) for `pip_platform` in `dest`; returns the directory that is /opt/python.

    Runs the layer's own Makefile target, the one `sam build` runs (BuildMethod: makefile).
    """
    from local import template

    source = ROOT / template.load()["Resources"][name]["Properties"]["ContentUri"]
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    completed = subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(source),
            f"build-{name}",
            f"ARTIFACTS_DIR={dest}",
            f"PIP_PLATFORM={pip_platform}",
            f"PYTHON={sys.executable}",
        ],
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise RuntimeError(f"building the layer {name} for {pip_platform} failed:\n{completed.stderr[-3000:]}")
    return dest / "python"


def build_function_layers(pip_platform: str, scratch: Path) -> dict[str, Path]:
    """Every layer of the template but the common one (the holidays layer), built: logical id -> its python/."""
    from local import template

    return {
        name: build(pip_platform, scratch / f"layer-{name}-{pip_platform}", source, name)
        for name, source in template.layers().items()
        if source != LAYER_SOURCE
    }


def runtime_distributions() -> list[str]:
    """The distributions the Lambda Python runtime ships (layers/common/runtime-provided.txt)."""
    lines = (line.split("#")[0].strip() for line in RUNTIME_PROVIDED.read_text().splitlines())
    return [line for line in lines if line]


def runtime(dest: Path) -> Path:
    """A directory holding (links to) the packages the Lambda runtime provides, from this virtualenv."""
    from importlib import metadata

    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for name in runtime_distributions():
        distribution = metadata.distribution(name)
        tops = {file.parts[0] for file in distribution.files or [] if file.parts[0] not in ("..", "bin")}
        for top in tops:
            source = Path(str(distribution.locate_file(top)))
            if source.exists() and not (dest / top).exists():
                (dest / top).symlink_to(source)
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
