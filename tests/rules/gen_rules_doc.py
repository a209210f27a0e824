"""Regenerate docs/rules.md from the rules data: python tests/rules/gen_rules_doc.py"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from recordright.rules.catalog_doc import render_rules_markdown  # noqa: E402

if __name__ == "__main__":
    (ROOT / "docs" / "rules.md").write_text(render_rules_markdown(), encoding="utf-8")
