// podcast-companion page: follow along, search, jump; a review mode to fix starts and export the report.
(function () {
  "use strict";
  const player = document.getElementById("player");
  const body = document.body;
  const report = JSON.parse(document.getElementById("report-data").textContent);
  const pageKey = "companion:" + report.title + ":" + report.duration;
  const sentences = Array.from(document.querySelectorAll(".sentence[data-start]"));
  const chapters = Array.from(document.querySelectorAll(".chapter"));
  const chapterSelect = document.getElementById("chapter-select");  // the phone's chapter list: its options are chapters'
  const store = {
    get(key, fallback) {
      try { const v = localStorage.getItem(key); return v === null ? fallback : JSON.parse(v); } catch (e) { return fallback; }
    },
    set(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ } },
  };
  let current = -1;
  let followPausedUntil = 0;
  let selected = null;

  const start = (el) => parseFloat(el.dataset.start);
  function seek(seconds) { player.currentTime = Math.max(0, seconds); }
  function lastStartingBefore(items, t) {
    let found = -1;
    for (let i = 0; i < items.length; i++) { if (start(items[i]) <= t + 0.05) found = i; else break; }
    return found;
  }

  // --- following playback ------------------------------------------------------------------
  function follow() {
    const t = player.currentTime;
    const index = lastStartingBefore(sentences, t);
    if (index !== current) {
      if (current >= 0) sentences[current].classList.remove("current");
      current = index;
      if (current >= 0) {
        sentences[current].classList.add("current");
        if (Date.now() > followPausedUntil && !player.paused) {
          sentences[current].scrollIntoView({ block: "nearest", behavior: "smooth" });
        }
      }
    }
    const chapter = lastStartingBefore(chapters, t);
    chapters.forEach((c, i) => c.classList.toggle("current", i === chapter));
    if (chapter >= 0) chapterSelect.selectedIndex = chapter;  // shows the chapter playing (no change event: no seek)
  }
  player.addEventListener("timeupdate", follow);
  player.addEventListener("seeked", follow);
  const pauseFollow = () => { followPausedUntil = Date.now() + 5000; };
  ["wheel", "touchmove"].forEach((e) => window.addEventListener(e, pauseFollow, { passive: true }));

  // --- seeking from the page ---------------------------------------------------------------
  document.addEventListener("click", (e) => {
    const target = e.target.closest("[data-start]");
    if (!target || !target.matches(".sentence, .time, .chapter, .hit")) return;
    followPausedUntil = 0;
    seek(start(target));
    if (target.classList.contains("sentence")) select(target);
  });
  chapterSelect.addEventListener("change", () => seek(parseFloat(chapterSelect.value)));
  document.getElementById("back").addEventListener("click", () => seek(player.currentTime - 15));
  document.getElementById("forward").addEventListener("click", () => seek(player.currentTime + 15));

  // --- speed and language view, remembered -------------------------------------------------
  const speed = document.getElementById("speed");
  speed.value = String(store.get("companion:speed", 1));
  player.playbackRate = parseFloat(speed.value) || 1;
  speed.addEventListener("change", () => { player.playbackRate = parseFloat(speed.value); store.set("companion:speed", speed.value); });
  player.addEventListener("loadedmetadata", () => { player.playbackRate = parseFloat(speed.value) || 1; });
  const viewButtons = Array.from(document.querySelectorAll("[data-view]"));
  function setView(view) {
    body.classList.remove("view-zh", "view-en", "view-both");
    body.classList.add("view-" + view);
    viewButtons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.view === view)));
    store.set("companion:view", view);
  }
  viewButtons.forEach((b) => b.addEventListener("click", () => setView(b.dataset.view)));
  setView(store.get("companion:view", "both"));

  // --- search in both languages ------------------------------------------------------------
  const search = document.getElementById("search");
  const hits = document.getElementById("hits");
  const searchable = Array.from(document.querySelectorAll(".sentence[data-start], .para[data-start] .en, .passage"));
  search.addEventListener("input", () => {
    const query = search.value.trim().toLowerCase();
    hits.replaceChildren();
    hits.hidden = !query;
    if (!query) return;
    let count = 0;
    for (const el of searchable) {
      const text = el.textContent;
      const at = text.toLowerCase().indexOf(query);
      if (at < 0) continue;
      const anchor = el.dataset.start ? el : el.closest("[data-start]") || el.querySelector("[data-start]");
      if (!anchor) continue;
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "hit";
      button.dataset.start = anchor.dataset.start;
      const seconds = Math.floor(start(anchor));
      button.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0") + "  " +
        text.slice(Math.max(0, at - 20), at + query.length + 40);
      item.append(button);
      hits.append(item);
      if (++count >= 50) break;
    }
    if (!count) { const none = document.createElement("li"); none.textContent = "没有结果 No match"; hits.append(none); }
  });

  // --- the alignment check -----------------------------------------------------------------
  const check = document.getElementById("check");
  check.addEventListener("toggle", () => body.classList.toggle("checking", check.open));
  document.getElementById("only-doubtful").addEventListener("change", (e) => body.classList.toggle("only-doubtful", e.target.checked));

  // --- review mode: fix starts while listening, keep them, export the report ----------------
  const reviewKey = "companion:review:" + pageKey;
  const edits = store.get(reviewKey, {});
  const bar = document.getElementById("review-bar");
  const toggle = document.getElementById("review-toggle");
  const status = document.getElementById("review-status");
  const label = document.getElementById("review-selected");
  const byId = (id) => document.querySelector('.sentence[data-id="' + id + '"]');
  function show(id) {
    const el = byId(id);
    const edit = edits[id];
    if (!el || !edit) return;
    if (edit.start !== undefined) { el.dataset.start = edit.start.toFixed(3); el.classList.add("edited"); }
    el.classList.toggle("checked", !!edit.checked);
  }
  Object.keys(edits).forEach(show);
  sentences.sort((a, b) => start(a) - start(b));
  function select(el) {
    if (!body.classList.contains("review")) return;
    if (selected) selected.classList.remove("selected");
    selected = el;
    el.classList.add("selected");
    label.textContent = "¶" + el.dataset.id + " · " + start(el).toFixed(2) + "s · " + el.textContent.slice(0, 16);
  }
  function change(update) {
    if (!selected) { status.textContent = "先选一句 Select a sentence first"; return; }
    const id = selected.dataset.id;
    edits[id] = Object.assign({}, edits[id], update(edits[id] || {}));
    store.set(reviewKey, edits);
    show(id);
    sentences.sort((a, b) => start(a) - start(b));
    select(selected);
    status.textContent = "已保存在本浏览器 Kept in this browser";
  }
  const setStart = () => change(() => ({ start: Math.round(player.currentTime * 1000) / 1000 }));
  const nudge = (by) => change(() => ({ start: Math.max(0, Math.round((start(selected) + by) * 1000) / 1000) }));
  const markChecked = () => change((e) => ({ checked: !e.checked }));
  toggle.addEventListener("click", () => {
    const on = !body.classList.contains("review");
    body.classList.toggle("review", on);
    toggle.setAttribute("aria-pressed", String(on));
    bar.hidden = !on;
    if (on && current >= 0) select(sentences[current]);
  });
  document.getElementById("set-start").addEventListener("click", setStart);
  document.getElementById("nudge-back").addEventListener("click", () => nudge(-0.1));
  document.getElementById("nudge-forward").addEventListener("click", () => nudge(0.1));
  document.getElementById("mark-checked").addEventListener("click", markChecked);
  document.getElementById("export").addEventListener("click", () => {
    const out = JSON.parse(document.getElementById("report-data").textContent);
    for (const [id, edit] of Object.entries(edits)) {
      const [p, k] = id.split(".").map(Number);
      const sentence = out.paragraphs[p].sentences[k];
      if (edit.start !== undefined) {
        sentence.start = edit.start;
        if (sentence.end <= edit.start) sentence.end = Math.round((edit.start + 0.5) * 1000) / 1000;
      }
      if (edit.checked) sentence.checked = true;
    }
    const link = document.querySelector('.downloads a[href$=".alignment.json"]');
    const name = link ? decodeURIComponent(link.getAttribute("href")) : "alignment.json";
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([JSON.stringify(out, null, 1) + "\n"], { type: "application/json" }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    status.textContent = "已导出；用 companion render 重新生成字幕 Exported: run companion render on it";
  });

  // --- keys --------------------------------------------------------------------------------
  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.target.closest && e.target.closest("input, textarea, select, button, audio, video")) return;
    const key = e.key;
    if (key === " ") { e.preventDefault(); if (player.paused) player.play(); else player.pause(); }
    else if (key === "ArrowRight" || key === "ArrowLeft") {
      e.preventDefault();
      const step = key === "ArrowRight" ? 1 : -1;
      const next = Math.min(sentences.length - 1, Math.max(0, lastStartingBefore(sentences, player.currentTime) + step));
      if (sentences[next]) { followPausedUntil = 0; seek(start(sentences[next])); select(sentences[next]); }
    } else if (key === "j" || key === "J") seek(player.currentTime - 15);
    else if (key === "l" || key === "L") seek(player.currentTime + 15);
    else if (body.classList.contains("review")) {
      if (key === "s" || key === "S") setStart();
      else if (key === "[") nudge(-0.1);
      else if (key === "]") nudge(0.1);
      else if (key === "c" || key === "C") markChecked();
      else return;
      e.preventDefault();
    }
  });

  // --- the player's own caption line, hidden: the transcript is the caption -----------------
  const subtitles = document.getElementById("subtitles");
  if (subtitles && subtitles.track && player.tagName === "AUDIO") subtitles.track.mode = "hidden";
})();
