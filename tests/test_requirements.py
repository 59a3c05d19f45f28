"""The lower-bound constraints that CI installs are exactly the lower bounds declared in requirements.txt.

Oracle: the two files themselves (a bound that is not tested is not a bound).
"""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lower_bounds(path: Path, op: str) -> dict[str, str]:
    out = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        m = re.match(rf"^([A-Za-z0-9_.\-]+)\s*{re.escape(op)}\s*([0-9][^,\s]*)", line)
        if m:
            out[m.group(1).lower()] = m.group(2)
    return out


def test_constraints_pin_every_lower_bound():
    declared = _lower_bounds(ROOT / "requirements.txt", ">=")
    pinned = _lower_bounds(ROOT / "tests" / "constraints-lower.txt", "==")
    assert declared, "requirements.txt declares no lower bounds"
    assert set(pinned) == set(declared)
    for name, version in declared.items():
        assert tuple(int(x) for x in pinned[name].split(".")) == tuple(int(x) for x in version.split(".")) + (0,) * (
            len(pinned[name].split(".")) - len(version.split("."))), name
