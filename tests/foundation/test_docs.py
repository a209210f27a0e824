"""Docs tested like code: every setting the code reads is in the admin guide."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTING = re.compile(r"""env_(?:str|bool|int|list)\(\s*["']([A-Z_]+)["']""")


def _settings_read_by_the_code() -> set[str]:
    names = set()
    for path in (ROOT / "recordright").rglob("*.py"):
        names.update(SETTING.findall(path.read_text(encoding="utf-8")))
    return names


def test_every_setting_is_documented():
    guide = (ROOT / "docs" / "admin-guide.md").read_text(encoding="utf-8")
    names = _settings_read_by_the_code()
    assert "RECORDRIGHT_DATA_DIR" in names
    missing = sorted(name for name in names if f"`{name}`" not in guide
                     and not re.search(rf"`{name}`|{name}[`,]", guide))
    assert not missing, f"undocumented settings in docs/admin-guide.md: {missing}"


def test_every_system_check_is_documented():
    guide = (ROOT / "docs" / "admin-guide.md").read_text(encoding="utf-8")
    checks = (ROOT / "recordright" / "web" / "checks.py").read_text(encoding="utf-8")
    for check_id in re.findall(r'id="(recordright\.[EW]\d+)"', checks):
        assert check_id in guide
