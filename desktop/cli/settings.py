"""``quaythu settings``: the effective values, and where each came from."""

from __future__ import annotations

import argparse
import json


def cmd_settings(args: argparse.Namespace) -> int:
    loaded = args.settings_loaded
    if args.json:
        print(json.dumps({"file": str(loaded.path), "exists": loaded.path.exists(),
                          "settings": [{"key": v.key, "value": v.value, "source": v.source,
                                        "help": v.help} for v in loaded.values]},
                         ensure_ascii=False, indent=1))
        return 0
    state = "có" if loaded.path.exists() else "chưa có; mọi giá trị là mặc định"
    print(f"Tệp cài đặt: {loaded.path} ({state})")
    width = max(len(v.key) for v in loaded.values)
    for v in loaded.values:
        value = str(v.value).lower() if isinstance(v.value, bool) else v.value
        print(f"  {v.key:<{width}} = {value!s:<10} [{v.source}]  {v.help}")
    return 0


def cmd_support_bundle(args: argparse.Namespace) -> int:
    """``quaythu support-bundle``: the zip for support (logs redacted, versions, settings)."""
    import datetime as dt
    from pathlib import Path

    from desktop.support import export_support_bundle

    loaded = args.settings_loaded
    out = args.out or Path.cwd() / f"quaythu-hotro-{dt.datetime.now():%Y%m%d-%H%M}.zip"
    path = export_support_bundle(out, settings={v.key: v.value for v in loaded.values})
    print(f"Đã ghi tệp hỗ trợ: {path}")
    return 0
