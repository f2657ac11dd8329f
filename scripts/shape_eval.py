"""Article shapes ted_eval.py does not build: short excerpts, and a translation that begins before the first heading.

    python scripts/shape_eval.py excerpt DATA_DIR [DATA_DIR …] [--count 600] [--sizes 2 3 4 6 8] [--seed 5]
    python scripts/shape_eval.py lead DATA_DIR [DATA_DIR …] [--seed 5]
    python scripts/shape_eval.py bilingual DATA_DIR [DATA_DIR …]
    python scripts/shape_eval.py late DATA_DIR [DATA_DIR …] [--seed 5]
    python scripts/shape_eval.py essay DATA_DIR [DATA_DIR …] [--seed 5]
    python scripts/shape_eval.py moved DATA_DIR [DATA_DIR …] [--seed 5]
    python scripts/shape_eval.py pairs DATA_DIR [DATA_DIR …] [--seed 5] [--audio-dir AUDIO_DIR]

Each DIR holds talk folders with human English and Chinese subtitles (en.vtt, zh-cn.vtt), as ../shared/data/ted
does; articles are made of the Chinese subtitles' sentences as ../shared/bench/ted_eval.py cuts them, and aligned
in-process.

`excerpt`: each trial takes a run of sentences of one talk as a one-paragraph article, aligned half of the time
against the talk's own English and half against another talk's. Prints, per excerpt size, how many were trusted
(no `warning`) and, of the talk's own, how many start within a second (plus the talk's timing slack) of the human
start. companion/align/trust.py's FEW and MIN_EVIDENCE_FEW were measured so.

`lead`: per talk, an article whose first quarter stands before its first heading (a translation that begins in
the lead-in), and three whose lead-in is instead three sentences from the talk's second half (an editor's quotes),
the rest of the talk under headings in both. Prints how many lead-in paragraphs of the first kind were timed, and
timed right, and how many of the second kind were timed at all (none should be). companion/pipeline.py's
LEAD_GAP was measured so.

`bilingual`: per talk, an article of paragraphs of four Chinese sentences, each after a paragraph of the English
subtitles spoken in its time (中英对照). Prints how many Chinese paragraphs start within a second (plus the talk's
timing slack) of the human start, and how many English ones were told apart (reported `english`, not timed).

`late`: per talk, articles whose only heading stands before the last paragraph, or the last two (a translation
with a heading for its closing words only), aligned against the talk's own English and against another talk's.
Prints how many were trusted, and of the talk's own how many had every paragraph timed. companion/pipeline.py's
_judge_with_lead was measured so.

`essay`: per talk, an excerpt of 6 or 10 sentences under a heading after an editor's essay of twelve sentences
(another talk's, in three paragraphs), aligned against the talk's own English. Prints how many were trusted.

`moved`: per talk of twelve paragraphs or more, three articles with one paragraph out of the talk's order (moved
three to five paragraphs on, twice, and once to the front), and three with three sentences of another talk put in
the body as an editor's note. Prints how many moved paragraphs were left without times and how many the report
names as out of order at their English (within two seconds, plus the talk's timing slack), how many other
paragraphs start right (the article is aligned again without the moved one's English) or wrong but sure, and how
many editor's notes, or other paragraphs, it names so. companion/align/elsewhere.py's SIMILAR was measured so.

`pairs`: every talk's whole article (ted_eval.py's clean variant) against every talk's English, its own and each
other's: ted_eval.py's mismatch variant tries one other talk each. Prints how many were trusted, the share of the
Chinese text with real evidence (the lowest against the own English, the highest against another's) and the pairs
nearest the line. With --audio-dir, the English is the talk's audio recognised (cached as fit_confidence.py caches
it). companion/align/trust.py's MIN_EVIDENCE was checked and MIN_EVIDENCE_HEARD set so.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


class Talks:
    """The talk folders of the given directories, each read once: (sentences, timing slack, transcript)."""

    def __init__(self, folders: list[Path]):
        import ted_eval

        self.eval = ted_eval
        self.paths = sorted(p for d in folders for p in d.iterdir()
                            if (p / "en.vtt").exists() and (p / "zh-cn.vtt").exists())
        self.read: dict[Path, tuple] = {}

    def __getitem__(self, path: Path) -> tuple:
        from companion.transcript import read_transcript

        if path not in self.read:
            en, zh = self.eval.read_cues(path / "en.vtt"), self.eval.read_cues(path / "zh-cn.vtt")
            self.read[path] = (self.eval.chinese_sentences(zh, en), self.eval.timing_slack(zh, en),
                               read_transcript(str(path / "en.vtt")))
        return self.read[path]


def aligned(text: str, transcript):
    from companion.article import parse_article
    from companion.pipeline import align_article

    return align_article(parse_article(text, fmt="markdown"), transcript)


def starts_right(start: float | None, gold: float, slack: float, tolerance: float = 1.0) -> bool:
    """Whether a start is within `tolerance` seconds, plus the talk's timing slack, of the human one."""
    return start is not None and abs(start - gold) <= tolerance + slack


def paragraphs(sentences: list[tuple[float, str]], size: int = 4) -> list[list[tuple[float, str]]]:
    return [sentences[i:i + size] for i in range(0, len(sentences), size)]


def text(lead: list[list[tuple[float, str]]], body: list[list[tuple[float, str]]]) -> str:
    """Markdown: the lead-in paragraphs, a heading, the body's."""
    join = lambda paras: "".join("".join(s for _, s in p) + "\n\n" for p in paras)  # noqa: E731
    return "# 标题\n\n" + join(lead) + "## 第1部分\n\n" + join(body)


def excerpts(talks: Talks, count: int, sizes: list[int], rng: random.Random) -> None:
    tally: Counter = Counter()
    for n in range(count):
        source = rng.choice(talks.paths)
        english = source if n % 2 == 0 else rng.choice([t for t in talks.paths if t != source])
        sentences, slack, _ = talks[source]
        size = rng.choice(sizes)
        first = rng.randrange(0, len(sentences) - size)
        excerpt = sentences[first:first + size]
        report = aligned(text([], [excerpt]), talks[english][2])
        kind = "own" if english == source else "other"
        start = report.paragraphs[0].start if report.paragraphs else None
        tally[kind, size, "trials"] += 1
        tally[kind, size, "trusted"] += report.trusted
        tally[kind, size, "right"] += report.trusted and starts_right(start, excerpt[0][0], slack)
    for size in sorted(sizes):
        own, other = (f"{tally[k, size, 'trusted']}/{tally[k, size, 'trials']}" for k in ("own", "other"))
        print(f"{size:>3} sentences: own English trusted {own} ({tally['own', size, 'right']} start right), "
              f"another talk's trusted {other}")
    own, other = (f"{sum(tally[k, s, 'trusted'] for s in sizes)}/{sum(tally[k, s, 'trials'] for s in sizes)}"
                  for k in ("own", "other"))
    print(f"all: own English trusted {own} ({sum(tally['own', s, 'right'] for s in sizes)} start right), "
          f"another talk's trusted {other}")


def leads(talks: Talks, rng: random.Random) -> None:
    timed = right = total = quoted = quotes = 0
    for path in talks.paths:
        sentences, slack, transcript = talks[path]
        quarter = sentences[-1][0] / 4
        head = paragraphs([s for s in sentences if s[0] < quarter])
        body = paragraphs([s for s in sentences if s[0] >= quarter])
        report = aligned(text(head, body), transcript)
        for gold, got in zip(head, report.paragraphs):
            total += 1
            timed += got.start is not None
            right += starts_right(got.start, gold[0][0], slack)
        for _ in range(3):
            later = [sentences[k] for k in sorted(rng.sample(range(len(sentences) // 2, len(sentences)), 3))]
            quotes += 1
            quoted += aligned(text([later], body), transcript).paragraphs[0].start is not None
        print(f"{path.name}: lead-in paragraphs timed {timed}/{total} so far", flush=True)
    print(f"a translation beginning before the first heading: {timed} of {total} lead-in paragraphs timed, {right} "
          f"right; quotes from later on as the lead-in: {quoted} of {quotes} timed")


def bilingual(talks: Talks) -> None:
    right = chinese = told = english = 0
    for path in talks.paths:
        sentences, slack, transcript = talks[path]
        cues = talks.eval.read_cues(path / "en.vtt")
        groups = paragraphs(sentences)
        text = "# 标题\n\n## 第1部分\n\n"
        for k, group in enumerate(groups):
            end = groups[k + 1][0][0] if k + 1 < len(groups) else float("inf")
            said = " ".join(" ".join(cue.split()) for start, _, cue in cues if group[0][0] <= start < end)
            text += (said + "\n\n" if said else "") + "".join(s for _, s in group) + "\n\n"
        report = aligned(text, transcript)
        english += sum(not CHINESE.search(p.text) for p in report.paragraphs)
        told += sum(p.english and p.start is None for p in report.paragraphs)
        for gold, got in zip(groups, [p for p in report.paragraphs if CHINESE.search(p.text)]):
            chinese += 1
            right += starts_right(got.start, gold[0][0], slack)
    print(f"bilingual articles: {right} of {chinese} Chinese paragraphs start right; {told} of {english} English "
          f"paragraphs told apart")


def late(talks: Talks, rng: random.Random) -> None:
    own = whole = other = trials = 0
    for path in talks.paths:
        groups = paragraphs(talks[path][0])
        for cut in (1, 2):
            text_ = text(groups[:-cut], groups[-cut:])
            report = aligned(text_, talks[path][2])
            trials += 1
            own += report.trusted
            whole += report.trusted and all(p.start is not None for p in report.paragraphs)
            other += aligned(text_, talks[rng.choice([t for t in talks.paths if t != path])][2]).trusted
    print(f"a heading only before the last paragraph or two: own English trusted {own} of {trials} ({whole} with "
          f"every paragraph timed), another talk's trusted {other} of {trials}")


def essay(talks: Talks, rng: random.Random) -> None:
    trusted = trials = 0
    for path in talks.paths:
        sentences, _, transcript = talks[path]
        for size in (6, 10):
            other = talks[rng.choice([t for t in talks.paths if t != path])][0]
            k = rng.randrange(0, len(other) - 12)
            first = rng.randrange(0, len(sentences) - size)
            report = aligned(text(paragraphs(other[k:k + 12]), [sentences[first:first + size]]), transcript)
            trials += 1
            trusted += report.trusted
    print(f"an excerpt after an editor's essay: trusted {trusted} of {trials}")


MOVED = "out of the article's order"


def moved(talks: Talks, rng: random.Random) -> None:
    tally: Counter = Counter()
    for path in talks.paths:
        sentences, slack, transcript = talks[path]
        groups = paragraphs(sentences)
        if len(groups) < 12:
            continue
        for trial in range(3):
            i = rng.randrange(2, len(groups) - 6)
            j = i + rng.randrange(3, 6)
            if trial < 2:
                body, k = groups[:i] + groups[i + 1:j + 1] + [groups[i]] + groups[j + 1:], j
            else:
                body, k = [groups[j]] + groups[:j] + groups[j + 1:], 0
            report = aligned(text([], body), transcript)
            reason = report.reasons.get(report.paragraphs[k].index, "")
            at = re.search(r"at (?:(\d+):)?(\d+):(\d\d), " + MOVED, reason)
            tally["moved"] += 1
            tally["untimed"] += report.paragraphs[k].start is None
            tally["named"] += bool(at)
            named = int(at[1] or 0) * 3600 + int(at[2]) * 60 + int(at[3]) if at else None
            tally["named right"] += starts_right(named, body[k][0][0], slack, tolerance=2.0)
            own = report.paragraphs[k].index
            tally["others named"] += sum(MOVED in r for x, r in report.reasons.items() if x != own)
            for n, (gold, got) in enumerate(zip(body, report.paragraphs)):
                if n != k:
                    right = starts_right(got.start, gold[0][0], slack)
                    tally["others"] += 1
                    tally["others right"] += right
                    tally["others wrong, sure"] += not right and got.start is not None and min(
                        s.confidence for s in got.sentences if s.start is not None) >= 0.8
            other = talks[rng.choice([t for t in talks.paths if t != path])][0]
            a = rng.randrange(0, len(other) - 3)
            report = aligned(text([], groups[:i] + [other[a:a + 3]] + groups[i:]), transcript)
            tally["notes"] += 1
            tally["notes named"] += sum(MOVED in r for r in report.reasons.values())
    print(f"moved paragraphs: {tally['untimed']} of {tally['moved']} left without times, {tally['named']} named as out "
          f"of order ({tally['named right']} at their English), other paragraphs named so {tally['others named']}; "
          f"the other paragraphs: {tally['others right']} of {tally['others']} start within a second (plus the "
          f"talk's slack), {tally['others wrong, sure']} wrong at confidence 0.8 or more; "
          f"paragraphs named so in articles with an editor's note instead: {tally['notes named']} in {tally['notes']}")


def pairs(talks: Talks, rng: random.Random, audio_dir: Path | None) -> None:
    import companion.pipeline as pipeline
    from companion.align.trust import evidence_share
    from fit_confidence import english

    shares: list[float] = []
    judge = pipeline.judge

    def spy(placed, lengths, heard=False):  # the share the trust judgement saw, as align_article computes it
        shares.append(evidence_share(placed, lengths))
        return judge(placed, lengths, heard)

    articles = {path: talks.eval.build_article(talks[path][0], rng, "clean", 0.0)[0] for path in talks.paths}
    found: dict[bool, list[tuple[float, bool, str]]] = {True: [], False: []}
    pipeline.judge = spy
    for target in talks.paths:
        transcript = english(target, "asr", audio_dir) if audio_dir else talks[target][2]
        for source, article in articles.items():
            shares.clear()
            report = aligned(article, transcript)
            found[source == target].append((shares[0], report.trusted, f"{source.name} on {target.name}"))
    pipeline.judge = judge
    for own, label in ((True, "own English"), (False, "another talk's")):
        rows = sorted(found[own], reverse=not own)
        print(f"{label}: trusted {sum(r[1] for r in rows)} of {len(rows)}, evidence share "
              f"{'lowest' if own else 'highest'} {rows[0][0]:.2f}; nearest the line: "
              + ", ".join(f"{name} {share:.2f}" for share, _, name in rows[:3]))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("shape", choices=["excerpt", "lead", "bilingual", "late", "essay", "moved", "pairs"])
    ap.add_argument("data", type=Path, nargs="+")
    ap.add_argument("--count", type=int, default=600, help="excerpt: trials (half against the talk's own English)")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 3, 4, 6, 8], help="excerpt: sentences it may have")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--audio-dir", type=Path, help="pairs: folders of make_talk_audio.py; the English is recognised")
    a = ap.parse_args()
    sys.path[:0] = [str(ROOT), str(BENCH)]
    talks = Talks(a.data)
    if len(talks.paths) < 2:
        ap.error("needs two talks or more")
    if a.shape == "excerpt":
        excerpts(talks, a.count, a.sizes, random.Random(a.seed))
    elif a.shape == "lead":
        leads(talks, random.Random(a.seed))
    elif a.shape == "bilingual":
        bilingual(talks)
    elif a.shape == "late":
        late(talks, random.Random(a.seed))
    elif a.shape == "moved":
        moved(talks, random.Random(a.seed))
    elif a.shape == "pairs":
        pairs(talks, random.Random(a.seed), a.audio_dir)
    else:
        essay(talks, random.Random(a.seed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
