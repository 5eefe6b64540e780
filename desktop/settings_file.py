"""Settings that load: a TOML file, then the environment, then the command line.

The file is ``settings.toml`` in the user config directory (platformdirs;
``QUAYTHU_CONFIG`` names another). Keys are the fields of
:class:`desktop.config.Settings` (and ``customer_code_letters`` /
``customer_code_digits`` for the code format); ``QUAYTHU_<KEY>`` in the
environment and ``--set KEY=VALUE`` override it, in that order, for IT.
An unknown key or a bad value is refused with a Vietnamese message that
names the key and where it came from: a typo never silently falls back to
a default.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.config import APP_NAME, CustomerCodePattern, Settings
from desktop.errors import ValidationError

ENV_CONFIG = "QUAYTHU_CONFIG"
CONFIG_FILE = "settings.toml"
ENV_PREFIX = "QUAYTHU_"
#: the languages on screen (the translations under resources/translations/)
LANGUAGES = ("vi", "en")
CODE_KEYS = {"customer_code_letters": "letters", "customer_code_digits": "digits"}


class SettingsError(ValidationError):
    """A settings file, variable or ``--set`` that cannot be used as it is."""


@dataclass(frozen=True, slots=True)
class SettingValue:
    key: str
    value: object
    #: "mặc định", the file's path, ``QUAYTHU_X`` or ``--set``
    source: str
    help: str


@dataclass(frozen=True, slots=True)
class LoadedSettings:
    settings: Settings
    values: tuple[SettingValue, ...]
    path: Path


def config_path(env: Mapping[str, str] | None = None) -> Path:
    env = os.environ if env is None else env
    if env.get(ENV_CONFIG):
        return Path(env[ENV_CONFIG]).expanduser()
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / CONFIG_FILE


def _fields() -> dict[str, tuple[type, object, dict[str, object]]]:
    out: dict[str, tuple[type, object, dict[str, object]]] = {}
    for f in dataclasses.fields(Settings):
        if f.name == "customer_code":
            continue
        kind = {"int": int, "bool": bool, "str": str}[str(f.type)]
        out[f.name] = (kind, f.default, dict(f.metadata))
    code = CustomerCodePattern()
    out["customer_code_letters"] = (str, code.letters, {"help": "chữ đầu của mã khách hàng "
                                                        "(biểu thức, ví dụ P[A-Z])"})
    out["customer_code_digits"] = (int, code.digits, {"help": "số chữ số sau phần chữ của mã "
                                                      "khách hàng", "min": 4, "max": 20})
    return out


def _parse(key: str, raw: object, where: str) -> object:
    fields = _fields()
    if key not in fields:
        known = ", ".join(sorted(fields))
        raise SettingsError(f"Cài đặt không có khóa '{key}' ({where}). Các khóa dùng được: "
                            f"{known}.")
    kind, _default, meta = fields[key]
    value: object = raw
    if isinstance(raw, str) and kind is not str:
        text = raw.strip().lower()
        if kind is bool:
            if text not in ("true", "false", "1", "0", "yes", "no", "có", "không"):
                raise SettingsError(f"Cài đặt '{key}' ({where}) phải là true hoặc false, "
                                    f"không phải '{raw}'.")
            value = text in ("true", "1", "yes", "có")
        else:
            try:
                value = int(text.replace("_", ""))
            except ValueError:
                raise SettingsError(f"Cài đặt '{key}' ({where}) phải là số nguyên, "
                                    f"không phải '{raw}'.") from None
    if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
        raise SettingsError(f"Cài đặt '{key}' ({where}) phải là số nguyên, không phải "
                            f"'{raw}'.")
    if kind is bool and not isinstance(value, bool):
        raise SettingsError(f"Cài đặt '{key}' ({where}) phải là true hoặc false, không phải "
                            f"'{raw}'.")
    if kind is str and (not isinstance(value, str) or not value.strip()):
        raise SettingsError(f"Cài đặt '{key}' ({where}) phải là một chuỗi không rỗng.")
    if key == "language" and value not in LANGUAGES:
        raise SettingsError(f"Cài đặt '{key}' ({where}) là một trong {', '.join(LANGUAGES)}, "
                            f"không phải '{raw}'.")
    if key == "customer_code_letters":
        try:
            re.compile(str(value))
        except re.error as exc:
            raise SettingsError(f"Cài đặt '{key}' ({where}) không phải biểu thức hợp lệ: "
                                f"{exc}.") from None
    low, high = meta.get("min"), meta.get("max")
    if isinstance(value, int) and not isinstance(value, bool) and (
            (isinstance(low, int) and value < low) or (isinstance(high, int) and value > high)):
        raise SettingsError(f"Cài đặt '{key}' ({where}) phải từ {low} đến {high}, không phải "
                            f"{value}.")
    return value


def load_settings(path: Path | None = None, *, env: Mapping[str, str] | None = None,
                  overrides: Sequence[str] = ()) -> LoadedSettings:
    """The effective settings and where each value came from."""
    env = os.environ if env is None else env
    path = path or config_path(env)
    chosen: dict[str, tuple[object, str]] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"Tệp cài đặt {path} sai cú pháp TOML: {exc}.") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"Không đọc được tệp cài đặt {path}: {exc}.") from exc
        for key, raw in data.items():
            if isinstance(raw, dict):
                raise SettingsError(f"Cài đặt '{key}' (tệp {path}): tệp cài đặt không dùng "
                                    "mục [..]; ghi mỗi khóa một dòng 'khóa = giá trị'.")
            chosen[key] = (_parse(key, raw, f"tệp {path}"), str(path))
    for key in _fields():
        name = ENV_PREFIX + key.upper()
        if name in env:
            chosen[key] = (_parse(key, env[name], f"biến môi trường {name}"), name)
    for item in overrides:
        key, sep, raw = item.partition("=")
        if not sep:
            raise SettingsError(f"--set cần dạng KHÓA=GIÁ_TRỊ, không phải '{item}'.")
        key = key.strip()
        chosen[key] = (_parse(key, raw, "--set"), "--set")
    values = {k: v for k, (v, _src) in chosen.items()}
    code = CustomerCodePattern(**{CODE_KEYS[k]: values.pop(k) for k in list(values)
                                  if k in CODE_KEYS})  # type: ignore[arg-type]
    settings = Settings(customer_code=code, **values)  # type: ignore[arg-type]
    shown = []
    for key, (_kind, default, meta) in _fields().items():
        value, source = chosen.get(key, (default, "mặc định"))
        shown.append(SettingValue(key, value, source, str(meta.get("help", ""))))
    return LoadedSettings(settings, tuple(shown), path)


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a TOML basic string


def save_setting(key: str, value: object, path: Path | None = None) -> Path:
    """Write one key into the settings file, keeping the others; all or nothing on disk.

    The value is checked like a loaded one; a file that does not load (a typo by hand)
    is refused with its message instead of being overwritten.
    """
    path = path or config_path()
    _parse(key, value, "--set")
    data: dict[str, object] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"Tệp cài đặt {path} đang hỏng ({exc}); sửa hoặc xóa tệp rồi "
                                "thử lại.") from exc
    data[key] = value
    text = "".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items())
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise SettingsError(f"Không ghi được tệp cài đặt {path}: {exc.strerror or exc}.") from exc
    return path
