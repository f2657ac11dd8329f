"""Timestamps for WebVTT (`00:01:02.345`) and SRT (`00:01:02,345`)."""


def timestamp(seconds: float, separator: str = ".") -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"
