"""docscan never reaches the network: a full scan runs with sockets disabled in the process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

GUARD = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network access attempted")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import nltk
nltk.download = lambda *a, **k: (_ for _ in ()).throw(OSError("nltk.download attempted"))
from docscan.cli import main
sys.argv = ["docscan", "scan", sys.argv[1], "--json"]
main()
"""


def test_scan_runs_with_network_disabled(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(
        "Rain Returns to the Valley\n"
        "Farmers near Valencia in Spain welcomed the first heavy rain in months on Monday, "
        "and the regional water agency said reservoirs had risen for the first time since spring. "
        "Officials warned that one wet week would not end the drought.\n",
        encoding="utf-8",
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NLTK_DATA": str(tmp_path / "no-nltk-data")}
    proc = subprocess.run(
        [sys.executable, "-c", GUARD, str(doc)], capture_output=True, text=True, timeout=300, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert '"ok":true' in proc.stdout
    assert "network access attempted" not in proc.stderr and "nltk.download attempted" not in proc.stderr
