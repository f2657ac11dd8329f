"""A blog post's front matter (Hexo, Jekyll: `---` / `title: …` / `---`; Hugo: `+++` / `title = '…'` / `+++`, at the
very top): metadata, not text of the episode. Its title is the article's when the text gives none."""

from __future__ import annotations

import re

# the fences and what is between them; YAML may close with `...`
FENCED = re.compile(r"\A\s*(?P<open>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P<close>---|\.\.\.|\+\+\+)[ \t]*(?:\n|\Z)", re.S)
KEY = re.compile(r"[A-Za-z_][\w-]*\s*[:=]")  # what front matter opens with: `title:`, `date =`
TITLE = re.compile(r"^title\s*[:=]\s*(?P<title>.+?)\s*$", re.M | re.I)
MAX_LINES = 200  # front matter is a few lines; a longer run between rules is text


def front_matter(text: str) -> tuple[str, str | None, str | None]:
    """`text` without its front matter, the title the front matter gives (None when it gives none), and the front
    matter as written (None when there is none)."""
    m = FENCED.match(text)
    if not m or (m.group("open") == "+++") != (m.group("close") == "+++") or not KEY.match(m.group("body")) \
            or m.group("body").count("\n") >= MAX_LINES:
        return text, None, None
    title = TITLE.search(m.group("body"))
    value = title.group("title").strip("\"'") if title else None
    return text[m.end():], value or None, m.group().strip()
