"""Speaker adaptation of PocketSphinx's English model to the voice being recognised.

A first pass recognises the speech and aligns its own words to phones; a global MLLR transform of
the model's Gaussian means and variances (Gales and Woodland, 1996: one affine map per feature
stream, the form PocketSphinx applies with its `mllr` option) is fitted to the frames of the
phones, and a second pass decodes with the adapted model. Errors of the first pass teach it a
little wrong, but most of the frames it labels are right, and the voice and the room are the
same for all of them.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

STREAMS, WIDTH = 3, 13  # the model's features: cepstra, their deltas, their second deltas
NOT_SPEECH = {"SIL", "+NSN+", "+SPN+"}  # silence and noise phones: no voice to learn from
VARIANCE_FLOOR = 1e-4  # PocketSphinx's own `varfloor`
# Fewest speech frames (10 ms) a transform is fitted on: each stream's map has 13 x 15 numbers.
# A minute of speech; the development reader (LJ Speech, 3.7 minutes) has 220 seconds.
FEWEST_FRAMES = 6000


def model_folder() -> Path:
    """The en-us acoustic model in PocketSphinx's wheel."""
    import pocketsphinx

    return Path(pocketsphinx.get_model_path()) / "en-us" / "en-us"


def _read_gaussians(path: Path) -> np.ndarray:
    """A Sphinx `means` or `variances` file as (codebook, stream, density, dimension)."""
    raw = path.read_bytes()
    at = raw.index(b"endhdr\n") + len(b"endhdr\n")
    order = "<" if np.frombuffer(raw, "<i4", 1, at)[0] == 0x11223344 else ">"
    books, streams, densities = np.frombuffer(raw, order + "i4", 3, at + 4)
    widths = np.frombuffer(raw, order + "i4", streams, at + 16)
    at += 16 + 4 * streams
    count = int(np.frombuffer(raw, order + "i4", 1, at)[0])
    values = np.frombuffer(raw, order + "f4", count, at + 4).astype(np.float64)
    if streams != STREAMS or any(w != WIDTH for w in widths):
        raise ValueError(f"{path}: unexpected feature streams {list(widths)}")
    return values.reshape(books, streams, densities, WIDTH)


def _phone_names(path: Path) -> list[str]:
    """The context-independent phones of a binary model definition, in codebook order."""
    raw = path.read_bytes()
    at = raw.index(b"END FILE FORMAT DESCRIPTION\n") + len(b"END FILE FORMAT DESCRIPTION\n") + 1
    at += -at % 4
    counts = np.frombuffer(raw, "<i4", 10, at)  # phones, ..., the silence phone's number
    if not 0 < counts[0] < 1000:
        counts = counts.byteswap()
    names = [name.decode("ascii") for name in raw[at + 40:].split(b"\0", counts[0])[:counts[0]]]
    if names[counts[9]] != "SIL":
        raise ValueError(f"{path}: not a binary model definition this reader knows")
    return names


def _read_mixture_weights(path: Path) -> np.ndarray:
    """A PocketSphinx `sendump` as natural-log weights (stream, density, senone); its bytes are
    negative logs in units of 1024 steps of base 1.0001."""
    raw = path.read_bytes()
    order = "<" if 0 < np.frombuffer(raw, "<i4", 1, 0)[0] < 1000 else ">"
    at, header = 0, {}
    while (length := int(np.frombuffer(raw, order + "i4", 1, at)[0])) != 0:  # length-prefixed lines
        key, _, value = raw[at + 4:at + 4 + length].rstrip(b"\0").decode("ascii").partition(" ")
        header[key] = value
        at += 4 + length
    if header.get("cluster_count", "0") != "0" or header.get("feature_count", str(STREAMS)) != str(STREAMS):
        raise ValueError(f"{path}: mixture weights in a layout this reader does not know")
    densities, senones = (int(v) for v in np.frombuffer(raw, order + "i4", 2, at + 4))
    quantised = np.frombuffer(raw, np.uint8, STREAMS * densities * senones, at + 12)
    return quantised.reshape(STREAMS, densities, senones) * (-1024 * np.log(1.0001))


@dataclass(frozen=True)
class Model:
    means: np.ndarray  # (codebook, stream, density, dimension)
    variances: np.ndarray
    log_weights: np.ndarray  # (stream, density, senone): each senone's weights over its codebook's densities
    codebook: dict[str, int]  # phone -> its codebook (the model ties each phone's senones to one)


@functools.lru_cache(maxsize=1)
def model() -> Model:
    folder = model_folder()
    means = _read_gaussians(folder / "means")
    names = _phone_names(folder / "mdef")
    if len(names) != len(means):
        raise ValueError(f"{folder}: {len(names)} phones for {len(means)} codebooks")
    variances = np.maximum(_read_gaussians(folder / "variances"), VARIANCE_FLOOR)
    return Model(means, variances, _read_mixture_weights(folder / "sendump"), {name: k for k, name in enumerate(names)})


def available() -> bool:
    """Whether the installed model is one these readers know (the en-us model PocketSphinx ships); a
    model of another layout is used unadapted."""
    try:
        model()
    except (OSError, ValueError, IndexError):
        return False
    return True


def features(cepstra: np.ndarray) -> np.ndarray:
    """(frame, stream, dimension) features as the model sees them: cepstra less their mean over the
    utterance, their deltas over +-2 frames and second deltas over +-3, the ends repeated."""
    c = cepstra - cepstra.mean(axis=0)
    padded = np.concatenate([np.repeat(c[:1], 3, axis=0), c, np.repeat(c[-1:], 3, axis=0)])
    n = len(c)

    def shifted(k: int) -> np.ndarray:
        return padded[3 + k:3 + k + n]

    delta = shifted(2) - shifted(-2)
    second = (shifted(3) - shifted(-1)) - (shifted(1) - shifted(-3))
    return np.stack([c, delta, second], axis=1)


@dataclass
class Statistics:
    """Per Gaussian: the frames' summed posteriors, and the posterior-weighted sums of the frames and
    of their squares. Windows' statistics add up."""

    occupancy: np.ndarray  # (codebook, stream, density)
    first: np.ndarray  # (codebook, stream, density, dimension)
    second: np.ndarray

    @classmethod
    def empty(cls) -> "Statistics":
        shape = model().means.shape
        return cls(np.zeros(shape[:3]), np.zeros(shape), np.zeros(shape))

    def __add__(self, other: "Statistics") -> "Statistics":
        return Statistics(self.occupancy + other.occupancy, self.first + other.first, self.second + other.second)

    @property
    def frames(self) -> float:
        return float(self.occupancy[:, 0].sum())


def statistics(phones: list[tuple[str, int, int]], states: list[tuple[int, int, int]], cepstra: np.ndarray) -> Statistics:
    """The statistics of the speech frames of one utterance, given its aligned phones (name, first
    frame, frames) and states (senone, first frame, frames): each frame's posteriors over the
    Gaussians of its phone's codebook, weighted as its senone weighs them."""
    m, out = model(), Statistics.empty()
    if not len(cepstra):
        return out
    observed = features(cepstra)
    book, senone = np.full(len(observed), -1), np.full(len(observed), -1)
    for name, first, frames in phones:
        if name in m.codebook and name not in NOT_SPEECH:
            book[first:first + frames] = m.codebook[name]
    for state, first, frames in states:
        senone[first:first + frames] = state
    usable = (book >= 0) & (senone >= 0)
    for b in np.unique(book[usable]):
        chosen = usable & (book == b)
        frames, weights = observed[chosen], senone[chosen]
        for s in range(STREAMS):
            x, mean, var = frames[:, s], m.means[b, s], m.variances[b, s]
            log_likelihood = -0.5 * (((x[:, None, :] - mean) ** 2 / var).sum(-1) + np.log(var).sum(-1))
            log_likelihood += m.log_weights[s][:, weights].T
            posterior = np.exp(log_likelihood - log_likelihood.max(axis=1, keepdims=True))
            posterior /= posterior.sum(axis=1, keepdims=True)
            out.occupancy[b, s] += posterior.sum(axis=0)
            out.first[b, s] += posterior.T @ x
            out.second[b, s] += posterior.T @ (x * x)
    return out


@dataclass(frozen=True)
class Transform:
    """Per stream: means become A @ mean + b, variances are scaled by h."""

    a: np.ndarray  # (stream, dimension, dimension)
    b: np.ndarray  # (stream, dimension)
    h: np.ndarray  # (stream, dimension)

    def text(self) -> str:
        """The transform in the file format of PocketSphinx's `mllr` option (one class)."""
        lines = ["1", str(STREAMS)]
        for s in range(STREAMS):
            lines.append(str(WIDTH))
            lines += [" ".join(f"{v:.7g}" for v in row) for row in self.a[s]]
            lines += [" ".join(f"{v:.7g}" for v in self.b[s]), " ".join(f"{v:.7g}" for v in self.h[s])]
        return "\n".join(lines) + "\n"


def fit(stats: Statistics) -> Transform | None:
    """The maximum-likelihood transform for these statistics (means row by row, as for diagonal
    covariances, then the variance scale given the new means); None on too little speech."""
    if stats.frames < FEWEST_FRAMES:
        return None
    m = model()
    a, b, h = np.zeros((STREAMS, WIDTH, WIDTH)), np.zeros((STREAMS, WIDTH)), np.ones((STREAMS, WIDTH))
    for s in range(STREAMS):
        mean, var = m.means[:, s].reshape(-1, WIDTH), m.variances[:, s].reshape(-1, WIDTH)
        occupancy = stats.occupancy[:, s].reshape(-1)
        first, second = stats.first[:, s].reshape(-1, WIDTH), stats.second[:, s].reshape(-1, WIDTH)
        extended = np.hstack([mean, np.ones((len(mean), 1))])
        for row in range(WIDTH):
            weight = occupancy / var[:, row]
            gram = (extended * weight[:, None]).T @ extended
            target = extended.T @ (first[:, row] / var[:, row])
            try:
                solved = np.linalg.solve(gram, target)
            except np.linalg.LinAlgError:
                return None
            a[s, row], b[s, row] = solved[:WIDTH], solved[WIDTH]
        adapted = mean @ a[s].T + b[s]
        spread = (second - 2 * adapted * first + adapted ** 2 * occupancy[:, None]) / var
        h[s] = spread.sum(axis=0) / occupancy.sum()
    if not (np.isfinite(a).all() and np.isfinite(b).all() and (h > 0).all()):
        return None
    return Transform(a, b, h)
