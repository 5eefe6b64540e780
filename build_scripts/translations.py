"""Keep the translations: ``update`` runs pyside6-lupdate over ui/, ``compile`` builds .qm.

    python build_scripts/translations.py update    # after changing a string in ui/
    python build_scripts/translations.py compile   # build.py does this before bundling

``quaythu_vi.ts`` translates each Vietnamese source string to itself (the words on
screen are the source's); ``quaythu_en.ts`` holds the English. A string added to ui/
arrives in both as unfinished, and tests/unit/test_translations.py fails until it
is translated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "resources" / "translations"
LANGUAGES = ("vi", "en")


def _tool(name: str) -> str:
    here = Path(sys.executable).parent
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.exists():
            return str(candidate)
    return name


def ts_file(language: str) -> Path:
    return FOLDER / f"quaythu_{language}.ts"


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))


def update(out: Path | None = None) -> list[Path]:
    """Run lupdate; ``out`` (a folder) writes fresh copies there instead (the test)."""
    written = []
    for language in LANGUAGES:
        target = ts_file(language) if out is None else out / ts_file(language).name
        if out is not None and ts_file(language).exists():
            target.write_bytes(ts_file(language).read_bytes())
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-no-obsolete", "-locations",
                        "none", "-target-language", language, "-ts", str(target)],
                       cwd=ROOT, check=True, capture_output=True, timeout=300)
        if language == "vi":
            _identity(target)
        written.append(target)
    return written


def _identity(path: Path) -> None:
    """Vietnamese: each new (unfinished) entry is its own source."""
    tree = ET.parse(path)
    for message in tree.iter("message"):
        translation = message.find("translation")
        source = message.findtext("source") or ""
        if translation is not None and translation.get("type") == "unfinished":
            translation.text = source
            del translation.attrib["type"]
    tree.write(path, encoding="utf-8", xml_declaration=True)


def compile_all(out: Path = FOLDER) -> list[Path]:
    made = []
    for language in LANGUAGES:
        qm = out / f"quaythu_{language}.qm"
        subprocess.run([_tool("pyside6-lrelease"), "-silent", str(ts_file(language)), "-qm",
                        str(qm)], check=True, timeout=300)
        made.append(qm)
    return made


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        print("\n".join(str(p) for p in update()))
    elif command == "compile":
        print("\n".join(str(p) for p in compile_all()))
    else:
        sys.exit(__doc__)
