"""Speaker adaptation: the features and the fitted transform, checked against what they must be by
construction, PocketSphinx reading the transform, and recognition of the example adapted."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest

from media.adapt import NOT_SPEECH, Statistics, Transform, features, fit, model, statistics
from media.recognize import decode_utterance, recognise

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_features_are_cepstra_less_their_mean_with_deltas_over_two_and_three_frames():
    slope = np.arange(1, 14, dtype=float)
    cepstra = np.outer(np.arange(20), slope) + 7.0  # each cepstrum a ramp
    f = features(cepstra)
    assert f.shape == (20, 3, 13)
    assert np.allclose(f[:, 0].mean(axis=0), 0.0)
    assert np.allclose(f[5, 0], (5 - 9.5) * slope)
    assert np.allclose(f[2:-2, 1], 4 * slope)  # c[t+2] - c[t-2]
    assert np.allclose(f[0, 1], 2 * slope)  # the first frame repeated before the start: c[2] - c[0]
    assert np.allclose(f[3:-3, 2], 0.0)  # a ramp has no second difference
    assert np.allclose(f[0, 2], (3 * slope - 0) - (1 * slope - 0))  # (c[3] - c[0]) - (c[1] - c[0])


VOICED = ("AA", "IY", "S", "M", "T", "ER", "OW", "F")
BOOKS = [model().codebook[p] for p in VOICED]


def _voice(a: np.ndarray, b: np.ndarray, h: np.ndarray, frames: int, rng) -> Statistics:
    """The statistics of frames drawn from the model's Gaussians moved by (a, b, h), each frame
    counted wholly to the Gaussian it was drawn from."""
    m = model()
    stats = Statistics.empty()
    for _ in range(frames):
        book, density = BOOKS[rng.integers(len(BOOKS))], rng.integers(m.means.shape[2])
        for s in range(3):
            mean = a[s] @ m.means[book, s, density] + b[s]
            x = mean + np.sqrt(h[s] * m.variances[book, s, density]) * rng.standard_normal(13)
            stats.occupancy[book, s, density] += 1
            stats.first[book, s, density] += x
            stats.second[book, s, density] += x * x
    return stats


def test_fit_recovers_the_transform_that_moved_the_voice():
    rng = np.random.default_rng(3)
    a = np.stack([np.eye(13) + 0.05 * rng.standard_normal((13, 13)) for _ in range(3)])
    b = rng.normal(0, 0.5, (3, 13))
    h = rng.uniform(0.8, 1.3, (3, 13))
    fitted = fit(_voice(a, b, h, 20000, rng))
    assert fitted is not None
    m = model()
    for s in range(3):  # the voice's Gaussians land where it put them, within a tenth of their spread
        means, spread = m.means[BOOKS, s].reshape(-1, 13), np.sqrt(m.variances[BOOKS, s].reshape(-1, 13))
        off = np.abs((means @ fitted.a[s].T + fitted.b[s]) - (means @ a[s].T + b[s])) / spread
        assert np.percentile(off, 95) < 0.1
    assert np.abs(fitted.h - h).max() < 0.05


def test_fit_declines_too_little_speech():
    rng = np.random.default_rng(4)
    identity = (np.stack([np.eye(13)] * 3), np.zeros((3, 13)), np.ones((3, 13)))
    assert fit(_voice(*identity, 2000, rng)) is None


def test_statistics_count_speech_frames_to_their_phones_codebook_only():
    rng = np.random.default_rng(5)
    cepstra = rng.normal(0, 3, (300, 13))
    phones = [("SIL", 0, 100), ("AA", 100, 80), ("+NSN+", 180, 20), ("S", 200, 100)]
    states = [(96, 0, 150), (1200, 150, 140)]  # the last ten frames have no state: not counted
    stats = statistics(phones, states, cepstra)
    m = model()
    per_book = stats.occupancy.sum(axis=2)  # (codebook, stream)
    assert np.allclose(per_book[m.codebook["AA"]], 80) and np.allclose(per_book[m.codebook["S"]], 90)
    assert stats.frames == pytest.approx(170)
    assert all(per_book[m.codebook[p]].sum() == 0 for p in NOT_SPEECH)


def test_each_senones_mixture_weights_sum_to_one():
    """Read right, a senone's weights over its codebook's densities are a distribution (up to the
    8-bit quantisation of the file), in every stream."""
    totals = np.exp(model().log_weights).sum(axis=1)  # (stream, senone)
    assert totals.shape == (3, 5126)
    assert totals.min() > 0.85 and totals.max() < 1.02


def test_a_model_of_another_layout_is_used_unadapted(tmp_path, monkeypatch):
    import media.adapt

    (tmp_path / "means").write_bytes(b"s3\nversion 1.0\nendhdr\n" + b"\0" * 12)  # not PocketSphinx's own model
    monkeypatch.setattr(media.adapt, "model_folder", lambda: tmp_path)
    media.adapt.model.cache_clear()
    try:
        assert not media.adapt.available()
    finally:
        media.adapt.model.cache_clear()  # the next test reads the real model again


def _words(transform: Transform | None) -> list[str]:
    from media.decode import stream
    from media.recognize import _adapted_decoder, new_decoder, words_of

    pcm = np.concatenate([c.samples for c in stream(FIXTURES / "clip.mp3", 30.0)]).tobytes()
    decoder = new_decoder() if transform is None else _adapted_decoder({}, transform)
    decode_utterance(decoder, pcm)
    return [w.text for w in words_of(decoder, 0.0)]


def test_pocketsphinx_reads_the_transform_through_a_pipe(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    identity = Transform(np.stack([np.eye(13)] * 3), np.zeros((3, 13)), np.ones((3, 13)))
    plain = _words(None)
    assert len(plain) > 10
    assert _words(identity) == plain
    moved = Transform(identity.a * 0.5, identity.b, identity.h)  # every mean halfway to zero: another voice
    assert _words(moved) != plain
    assert not any(tmp_path.iterdir())


@pytest.fixture(scope="module")
def hundred_seconds(tmp_path_factory) -> Path:
    from media.ffmpeg import run_ffmpeg

    audio = tmp_path_factory.mktemp("audio") / "first-100-seconds.wav"
    run_ffmpeg("-i", str(EXAMPLES / "episode.mp3"), "-t", "100", str(audio))
    return audio


def test_adapting_to_the_voice_recognises_the_example_better_and_leaves_no_file(hundred_seconds, tmp_path,
                                                                             monkeypatch):
    """The first pass hears what a plain decoding hears (gathering the statistics changes nothing), the
    adapted pass gets more of the example's script right, and no file stays behind."""
    from difflib import SequenceMatcher

    from media.recognize import _pass
    from media.speech import WIDE_BAND

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    script = [w.strip(".,;:!?\"()").lower() for w in (EXAMPLES / "episode.en.txt").read_text(encoding="utf-8").split()]

    def right(words) -> int:
        heard = [w.text for w in words]
        return sum(block.size for block in SequenceMatcher(None, script, heard, autojunk=False).get_matching_blocks())

    plain = recognise(hundred_seconds, workers=2, options=WIDE_BAND)
    first = _pass(hundred_seconds, 2, WIDE_BAND, {}, None, True, None)
    assert first.words == plain
    transform = fit(first.stats)
    assert transform is not None
    adapted = _pass(hundred_seconds, 2, WIDE_BAND, {}, transform, False, None).words
    assert right(adapted) > right(plain), (right(adapted), right(plain), len(plain))
    assert not any((tmp_path / "tmp").iterdir())


def test_too_little_speech_to_adapt_on_is_recognised_once_and_its_progress_completes():
    from media.decode import duration
    from media.speech import WIDE_BAND

    done: list[float] = []
    adapted = recognise(FIXTURES / "clip.mp3", workers=1, options=WIDE_BAND, adapt=True, progress=done.append)
    assert adapted == recognise(FIXTURES / "clip.mp3", workers=1, options=WIDE_BAND)
    assert len(done) == 2  # its one window (the first pass counting half), then the whole
    assert done[-1] == pytest.approx(duration(FIXTURES / "clip.mp3"), abs=0.1)  # decoded, not as the container says


def passes(monkeypatch) -> list[dict]:
    """Record each decoding pass: whether it gathers statistics, whether its model is adapted, and the
    core start of every window it decodes."""
    from media.recognize import worker_pool

    seen: list[dict] = []
    start, run = worker_pool.__init__, worker_pool.map

    def init(self, workers, options, extra, transform=None, gather=False, boost=0.0):
        seen.append({"gather": gather, "adapted": transform is not None, "windows": []})
        start(self, workers, options, extra, transform, gather, boost)

    def record(self, function, jobs):
        for job, result in run(self, function, jobs):
            seen[-1]["windows"].append(job[1])
            yield job, result

    monkeypatch.setattr(worker_pool, "__init__", init)
    monkeypatch.setattr(worker_pool, "map", record)
    return seen


def test_a_long_files_first_pass_learns_the_voice_from_windows_spread_over_it(hundred_seconds, monkeypatch):
    """Longer than ADAPT_SECONDS, the file's first pass decodes every third window (and the last, which
    gives its length); the adapted pass decodes them all, and progress runs once to the end."""
    import media.adapt
    import media.recognize
    from media.speech import WIDE_BAND

    monkeypatch.setattr(media.recognize, "ADAPT_SECONDS", 40.0)  # 100 s: every third window
    monkeypatch.setattr(media.adapt, "FEWEST_FRAMES", 2000)  # the sample holds under a minute of speech
    seen = passes(monkeypatch)
    done: list[float] = []
    words = recognise(hundred_seconds, workers=2, options=WIDE_BAND, adapt=True, progress=done.append)
    assert seen == [{"gather": True, "adapted": False, "windows": [0.0, 90.0]},
                    {"gather": False, "adapted": True, "windows": [0.0, 30.0, 60.0, 90.0]}]
    assert done == sorted(done) and done[-1] == pytest.approx(100.0, abs=0.1)
    assert words[-1].start > 85.0 and len({round(w.start // 30) for w in words}) == 4


def test_a_sample_too_small_to_adapt_on_is_followed_by_a_plain_decoding_of_the_whole_file(hundred_seconds,
                                                                                          monkeypatch):
    """The sampled first pass's words cover a third of the file: when they cannot adapt the model, the
    whole file is decoded unadapted rather than returned in part."""
    import media.recognize
    from media.speech import WIDE_BAND

    monkeypatch.setattr(media.recognize, "ADAPT_SECONDS", 40.0)
    seen = passes(monkeypatch)  # about 40 s of speech sampled: under FEWEST_FRAMES
    recognise(hundred_seconds, workers=2, options=WIDE_BAND, adapt=True)
    assert seen == [{"gather": True, "adapted": False, "windows": [0.0, 90.0]},
                    {"gather": False, "adapted": False, "windows": [0.0, 30.0, 60.0, 90.0]}]
