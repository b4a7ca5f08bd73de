"""A separate virtual environment for peer libraries (never dependencies of placenames)."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

ENV = Path(__file__).resolve().parent / ".peers-venv"
PEERS = ["country_converter==1.3.2", "countrynames==1.17.0", "pandas<3", "pyarrow"]


def python() -> Path:
    """The peers' interpreter, creating the environment on first use."""
    exe = ENV / "bin" / "python"
    marker = ENV / "peers.txt"
    if not exe.exists():
        venv.create(ENV, with_pip=True)
    if not marker.exists() or marker.read_text() != "\n".join(PEERS):
        subprocess.run([str(exe), "-m", "pip", "install", "--quiet", *PEERS], check=True)
        marker.write_text("\n".join(PEERS))
    return exe


if __name__ == "__main__":
    print(python(), file=sys.stderr)
