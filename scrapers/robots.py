"""robots.txt rules (RFC 9309) with the extensions real sites use.

``urllib.robotparser`` matches rules in file order and knows no ``*``/``$``
wildcards, which many Indonesian WordPress sites use (``Disallow: /*?s=``), so
this is a small parser of its own: groups by user-agent, the most specific
matching group wins (else ``*``), the longest matching rule wins and Allow wins
a tie, ``Crawl-delay`` and ``Sitemap`` lines are kept.

What a fetch of robots.txt means for the run (decided in :mod:`scrapers.fetch`):
2xx -> these rules; 4xx (404 ...) -> allow all; 5xx, 429, timeout, network
error -> disallow all for this run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


def _agent_token(user_agent: str) -> str:
    """'SentraBot/0.1 (+mailto:...)' -> 'sentrabot'."""
    token = user_agent.strip().split("/")[0].split()[0] if user_agent.strip() else "*"
    return token.lower()


def _norm_path(path: str) -> str:
    # Compare percent-decoded paths so /a%2Db and /a-b match alike.
    try:
        return unquote(path)
    except Exception:  # pragma: no cover - unquote is lenient
        return path


@dataclass
class _Rule:
    allow: bool
    pattern: str
    regex: re.Pattern = field(repr=False, default=None)  # type: ignore[assignment]

    def __post_init__(self) -> None:
        pat = _norm_path(self.pattern)
        anchored = pat.endswith("$")
        if anchored:
            pat = pat[:-1]
        rx = "".join(".*" if ch == "*" else re.escape(ch) for ch in pat)
        self.regex = re.compile(rx + ("$" if anchored else ""), re.S)

    @property
    def length(self) -> int:
        return len(self.pattern)


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[_Rule] = field(default_factory=list)
    crawl_delay: float | None = None


def _merged(agent: str, groups: list[_Group]) -> _Group:
    """Several groups for one agent act as one (RFC 9309 2.2.1): all their rules, the longest delay."""
    merged = _Group(agents=[agent])
    for g in groups:
        merged.rules += g.rules
        if g.crawl_delay is not None:
            merged.crawl_delay = max(merged.crawl_delay or 0.0, g.crawl_delay)
    return merged


class RobotsRules:
    """Parsed robots.txt; also stands for 'allow all' / 'disallow all'."""

    def __init__(self, text: str = "", *, allow_all: bool = False, disallow_all: bool = False,
                 reason: str = "") -> None:
        self.allow_all = allow_all
        self.disallow_all = disallow_all
        self.reason = reason
        self.groups: list[_Group] = []
        self.sitemaps: list[str] = []
        if text:
            self._parse(text)

    @classmethod
    def allowing_all(cls, reason: str = "") -> "RobotsRules":
        return cls(allow_all=True, reason=reason)

    @classmethod
    def disallowing_all(cls, reason: str = "") -> "RobotsRules":
        return cls(disallow_all=True, reason=reason)

    def _parse(self, text: str) -> None:
        current: _Group | None = None
        last_was_agent = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line or ":" not in line:
                continue
            key, value = line.split(":", 1)
            key = key.strip().lower().replace("_", "-")
            value = value.strip()
            if key in ("user-agent", "useragent"):
                if current is None or not last_was_agent:
                    current = _Group()
                    self.groups.append(current)
                current.agents.append(value.lower())
                last_was_agent = True
                continue
            if key == "sitemap":
                if value:
                    self.sitemaps.append(value)
                continue  # sitemap lines do not end a user-agent run
            last_was_agent = False
            if current is None:
                continue  # rules before any user-agent line are ignored (RFC 9309)
            if key in ("allow", "disallow"):
                if not value:
                    continue  # "Disallow:" (empty) allows everything
                if not value.startswith("/") and not value.startswith("*"):
                    value = "/" + value
                current.rules.append(_Rule(key == "allow", value))
            elif key == "crawl-delay":
                try:
                    d = float(value)
                except ValueError:
                    continue
                if d >= 0 and d == d:  # not NaN
                    current.crawl_delay = d

    def _group_for(self, user_agent: str) -> _Group | None:
        token = _agent_token(user_agent)
        best: _Group | None = None
        best_len = -1
        star: list[_Group] = []
        for g in self.groups:
            for a in g.agents:
                if a == "*":
                    star.append(g)
                elif a and (token == a or token.startswith(a)) and len(a) > best_len:
                    best, best_len = g, len(a)
        if best is not None:
            # Several groups for the same agent are merged (RFC 9309 2.2.1).
            same = [g for g in self.groups if any(a and (token == a or token.startswith(a)) and len(a) == best_len
                                                  for a in g.agents)]
            return _merged(token, same) if len(same) > 1 else best
        if star:
            return _merged("*", star) if len(star) > 1 else star[0]
        return None

    def can_fetch(self, user_agent: str, url: str) -> bool:
        if self.disallow_all:
            return False
        if self.allow_all:
            return True
        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        path = _norm_path(path)
        if path == "/robots.txt":
            return True
        group = self._group_for(user_agent)
        if group is None:
            return True
        best: _Rule | None = None
        for rule in group.rules:
            if rule.regex.match(path):
                if best is None or rule.length > best.length or (rule.length == best.length and rule.allow):
                    best = rule
        return True if best is None else best.allow

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.allow_all or self.disallow_all:
            return None
        group = self._group_for(user_agent)
        return group.crawl_delay if group else None
