"""Build the QuayThu bundle for this OS: ``dist/QuayThu/`` (PyInstaller, one folder).

    python build_scripts/build.py [--self-test]

Writes the icon and the Windows version resource from the project's own version,
runs PyInstaller on ``build_scripts/quaythu.spec`` and, with ``--self-test``, runs
the bundle's ``--self-test`` (headless) and prints the bundle's size. Needs
``pip install -e '.[build]'``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project_version() -> str:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return str(data["project"]["version"])


def write_icon(path: Path) -> None:
    """The application icon, drawn (no binary in the repository): a receipt on blue."""
    from PIL import Image, ImageDraw, ImageFont

    size = 256
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, size - 8, size - 8), radius=48, fill=(21, 101, 192, 255))
    draw.rectangle((72, 44, 184, 212), fill=(255, 255, 255, 255))
    font = ImageFont.truetype(str(ROOT / "resources" / "fonts" / "DejaVuSans-Bold.ttf"), 64)
    draw.text((128, 128), "QT", font=font, fill=(21, 101, 192, 255), anchor="mm")
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, sizes=[(16, 16), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])


def write_version_file(path: Path, version: str) -> None:
    """The Windows version resource (Properties → Details of QuayThu.exe)."""
    numbers = ([int(p) for p in version.split(".")[:3]] + [0, 0, 0, 0])[:4]
    path.write_text(f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={tuple(numbers)}, prodvers={tuple(numbers)}),
  kids=[StringFileInfo([StringTable('042a04b0', [
    StringStruct('CompanyName', 'QuayThu'),
    StringStruct('FileDescription', 'QuayThu – thu tiền điện tại quầy'),
    StringStruct('FileVersion', '{version}'),
    StringStruct('ProductName', 'QuayThu'),
    StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [0x042a, 1200])])])
""", encoding="utf-8")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def self_test(bundle: Path) -> int:
    exe = bundle / ("quaythu-cli.exe" if os.name == "nt" else "QuayThu")
    env = {**os.environ}
    if os.name != "nt" and not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"  # headless: CI, a build server
    done = subprocess.run([str(exe), "--self-test"], env=env, timeout=300)
    return done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description="build the QuayThu bundle for this OS")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--self-test", action="store_true",
                        help="run the bundle's self-test after building")
    args = parser.parse_args()
    write_icon(args.work / "quaythu.ico")
    write_version_file(args.work / "version_info.txt", project_version())
    # the .qm files the bundle carries (a source checkout compiles them on first start)
    subprocess.run([sys.executable, str(ROOT / "build_scripts" / "translations.py"), "compile"],
                   check=True)
    bundle = args.dist / "QuayThu"
    shutil.rmtree(bundle, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(args.dist), "--workpath", str(args.work),
                    str(ROOT / "build_scripts" / "quaythu.spec")],
                   check=True, env={**os.environ, "QUAYTHU_BUILD_WORK": str(args.work)})
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:.0f} MiB)")
    return self_test(bundle) if args.self_test else 0


if __name__ == "__main__":
    sys.exit(main())
