"""The subtitles `companion align` writes, as a real browser reads them in a <video> element."""

import html
import json
import re

import webvtt

from helpers import companion

PAGE = """<!DOCTYPE html><meta charset="utf-8">
<video id="v" muted><track id="t" kind="subtitles" srclang="zh" label="中英" src="ep.bilingual.vtt" default></video>
<pre id="out">pending</pre>
<script>
const track = document.getElementById('t');
track.track.mode = 'hidden';
track.addEventListener('load', () => {
  const cues = Array.from(track.track.cues).map(c => [c.startTime, c.endTime, c.getCueAsHTML().textContent]);
  document.getElementById('out').textContent = JSON.stringify(cues);
});
track.addEventListener('error', () => { document.getElementById('out').textContent = 'error'; });
</script>"""


def test_bilingual_vtt_loads_as_a_track_in_chromium(chromium, tmp_path, examples):
    out = tmp_path / "site"
    result = companion(*["align", str(examples / "episode.zh.txt"), "--transcript",
                                      str(examples / "episode.en.vtt"), "--out", str(out), "--name", "ep", "--quiet"])
    assert result.exit_code == 0
    (out / "index.html").write_text(PAGE, encoding="utf-8")
    dom = chromium(out, "index.html")
    found = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S)
    assert found and found.group(1) not in ("pending", "error"), dom[:500]
    cues = json.loads(html.unescape(found.group(1)))
    ours = list(webvtt.read(str(out / "ep.bilingual.vtt")))
    assert len(cues) == len(ours)
    for (start, end, _), cue in zip(cues, ours):
        assert abs(start - cue.start_time.in_milliseconds() / 1000) < 0.002
        assert abs(end - cue.end_time.in_milliseconds() / 1000) < 0.002
    report = json.loads((out / "ep.alignment.json").read_text(encoding="utf-8"))
    aligned = "".join(re.sub(r"[^\u4e00-\u9fff]", "", s["text"]) for p in report["paragraphs"]
                      for s in p["sentences"] if s["start"] is not None)
    shown = "".join(re.sub(r"[^\u4e00-\u9fff]", "", text) for _, _, text in cues)
    assert shown == aligned
    assert any("Welcome back" in text for _, _, text in cues)
