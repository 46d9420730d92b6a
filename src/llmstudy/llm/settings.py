"""LLM settings: from the environment, else from a config file that only its owner can read.

Environment: ``OPENAI_API_KEY``, ``OPENAI_BASE_URL``, ``LLMSTUDY_MODEL``,
``LLMSTUDY_LLM_TIMEOUT`` (seconds for one request, for waiting for the next quiz question,
and for a whole explanation; default 30; a 0.5B model on a busy laptop CPU wants 120).
Config file (``llmstudy paths`` shows where), TOML::

    [llm]
    base_url = "http://127.0.0.1:11434/v1"
    model = "qwen2.5:7b"
    api_key = "..."      # only if the file is mode 0600
    timeout = 30

The key is kept out of ``repr`` so it cannot leak into a traceback or a log.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llmstudy.core import redaction
from llmstudy.core.records import Bi
from llmstudy.errors import LlmstudyError, UsageError

DEFAULT_TIMEOUT = 30.0
DEFAULT_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class LlmSettings:
    model: str | None
    base_url: str
    timeout: float
    key_source: str  # "env", "config" or "none"
    api_key: str | None = field(default=None, repr=False)
    # Fill-in-the-blank questions (a curated sentence, the model's wrong answers) where the
    # model's own questions fail; off: only its own (a strong model), then the bank.
    blanks: bool = True

    @property
    def configured(self) -> bool:
        """A model and either a key or an explicit (local) endpoint."""
        return bool(self.model) and (self.api_key is not None or self.base_url != DEFAULT_BASE_URL)

    @property
    def host(self) -> str:
        """Host and port only: a URL's userinfo (``user:token@``) is a secret."""
        return redaction.host(self.base_url)

    @property
    def display_url(self) -> str:
        """The endpoint as it may be shown or stored: no userinfo, query or fragment."""
        return redaction.display_url(self.base_url)


def _read_config(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {}
    import tomllib

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LlmstudyError(
            Bi(f"无法读取配置文件 {path}（{exc}）", f"cannot read config {path} ({exc})"), hint=Bi("修正或删除这个文件", "fix or remove the file")
        ) from None
    llm = doc.get("llm", {})
    if not isinstance(llm, dict):
        raise LlmstudyError(Bi(f"{path}：[llm] 必须是一个表", f"{path}: [llm] must be a table"), hint="llmstudy llm status --help")
    if "api_key" in llm and stat.S_IMODE(path.stat().st_mode) & 0o077:
        raise LlmstudyError(
            Bi(f"{path} 里有 API 密钥，但其他用户也能读取它", f"{path} holds an API key but others can read it"),
            hint=f"chmod 600 {path}",
        )
    return llm


def _switch(value: object, name: str) -> bool:
    """An on/off setting, from the environment (a string) or the config file (a boolean)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    hint = f"{name}=off" if name.isupper() else "blanks = false"
    raise UsageError(Bi(f"{name} 应为 on 或 off，而不是 {value!r}", f"{name} must be on or off, not {value!r}"), hint=hint)


def load_settings(config_path: Path) -> LlmSettings:
    file = _read_config(config_path)
    env_key = os.environ.get("OPENAI_API_KEY")
    key = env_key or file.get("api_key")
    source = "env" if env_key else ("config" if file.get("api_key") else "none")
    base_url = os.environ.get("OPENAI_BASE_URL") or file.get("base_url") or DEFAULT_BASE_URL
    model = os.environ.get("LLMSTUDY_MODEL") or file.get("model")
    raw_timeout = os.environ.get("LLMSTUDY_LLM_TIMEOUT") or file.get("timeout") or DEFAULT_TIMEOUT
    try:
        timeout = float(raw_timeout)
    except (TypeError, ValueError):
        raise UsageError(Bi(f"超时 {raw_timeout!r} 不是数字", f"timeout {raw_timeout!r} is not a number"), hint="LLMSTUDY_LLM_TIMEOUT=30") from None
    if not 0 < timeout <= 600:
        raise UsageError(Bi("模型超时必须在 0 到 600 秒之间", "the LLM timeout must be between 0 and 600 seconds"), hint="LLMSTUDY_LLM_TIMEOUT=30")
    if not str(base_url).startswith(("http://", "https://")):
        shown = redaction.display_url(str(base_url))  # never the userinfo or query of a URL: they hold secrets
        raise UsageError(Bi(f"地址 {shown!r} 不是 http(s)", f"base URL {shown!r} is not http(s)"), hint="OPENAI_BASE_URL=http://127.0.0.1:11434/v1")
    env_blanks = os.environ.get("LLMSTUDY_BLANKS")
    blanks = _switch(env_blanks, "LLMSTUDY_BLANKS") if env_blanks is not None else _switch(file.get("blanks", True), f"{config_path}: blanks")
    return LlmSettings(
        blanks=blanks,
        model=str(model) if model else None,
        base_url=str(base_url).rstrip("/"),
        timeout=timeout,
        key_source=source,
        api_key=str(key) if key else None,
    )
