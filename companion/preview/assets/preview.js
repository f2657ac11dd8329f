// podcast-companion preview page: seek on click, follow playback, keyboard, doubtful filter.
(function () {
  "use strict";
  const player = document.getElementById("player");
  const sentences = Array.from(document.querySelectorAll(".sentence[data-start]"));
  const chapters = Array.from(document.querySelectorAll(".chapter"));
  const caption = document.getElementById("caption");
  let current = -1;

  function seek(seconds) {
    player.currentTime = seconds;
  }

  function lastStartingBefore(items, t) {
    let found = -1;
    for (let i = 0; i < items.length; i++) {
      if (parseFloat(items[i].dataset.start) <= t + 0.05) found = i; else break;
    }
    return found;
  }

  function follow() {
    const t = player.currentTime;
    const index = lastStartingBefore(sentences, t);
    if (index !== current) {
      if (current >= 0) sentences[current].classList.remove("current");
      current = index;
      if (current >= 0) {
        sentences[current].classList.add("current");
        sentences[current].scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }
    const chapter = lastStartingBefore(chapters, t);
    chapters.forEach((c, i) => c.classList.toggle("current", i === chapter));
  }

  sentences.forEach((s) => s.addEventListener("click", () => seek(parseFloat(s.dataset.start))));
  chapters.forEach((c) => c.addEventListener("click", () => seek(parseFloat(c.dataset.start))));
  player.addEventListener("timeupdate", follow);
  player.addEventListener("seeked", follow);

  const subtitles = document.getElementById("subtitles");
  if (subtitles && subtitles.track) {
    subtitles.track.mode = "hidden";
    subtitles.track.addEventListener("cuechange", () => {
      const cues = subtitles.track.activeCues;
      caption.textContent = cues && cues.length ? Array.from(cues).map((c) => c.getCueAsHTML().textContent).join("\n") : "";
    });
  }

  document.getElementById("only-doubtful").addEventListener("change", (e) => {
    document.body.classList.toggle("only-doubtful", e.target.checked);
  });

  document.addEventListener("keydown", (e) => {
    if (e.target.closest && e.target.closest("input, textarea, button, audio, video")) return;
    if (e.key === " ") {
      e.preventDefault();
      if (player.paused) player.play(); else player.pause();
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      e.preventDefault();
      const step = e.key === "ArrowRight" ? 1 : -1;
      const next = Math.min(sentences.length - 1, Math.max(0, lastStartingBefore(sentences, player.currentTime) + step));
      if (sentences[next]) seek(parseFloat(sentences[next].dataset.start));
    }
  });
})();
