"""Where per-user data goes on Linux, as the XDG Base Directory spec says."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, else ``~/.local/share``; a relative value is ignored (the spec)."""
    base = (os.environ if environ is None else environ).get("XDG_DATA_HOME", "").strip()
    return Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
