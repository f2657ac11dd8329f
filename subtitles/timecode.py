"""Timestamps for WebVTT (`00:01:02.345`) and SRT (`00:01:02,345`), and a clock for people (`1:02`)."""


def timestamp(seconds: float, separator: str = ".") -> str:
    ms = max(0, round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def clock(seconds: float) -> str:
    """Whole seconds as `m:ss`, or `h:mm:ss` from an hour on."""
    m, s = divmod(int(seconds), 60)
    h, m = divmod(m, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"
