"""Which ffmpeg to run: the system's, else the binary that ships with imageio-ffmpeg."""

from __future__ import annotations

import functools
import shutil
import subprocess

from media.errors import MediaError
from media.lifetime import child_preexec


@functools.lru_cache(maxsize=1)
def ffmpeg() -> str:
    found = shutil.which("ffmpeg")
    if found:
        return found
    try:
        import imageio_ffmpeg

        return imageio_ffmpeg.get_ffmpeg_exe()
    except (ImportError, RuntimeError):
        raise MediaError("ffmpeg is needed for this and was not found (install ffmpeg or imageio-ffmpeg)") from None


def run_ffmpeg(*args: str) -> None:
    """Run ffmpeg quietly (bound to this process); its own last error line becomes a one-line MediaError."""
    result = subprocess.run([ffmpeg(), "-nostdin", "-hide_banner", "-loglevel", "error", "-y", *args],
                            capture_output=True, text=True, preexec_fn=child_preexec)
    if result.returncode != 0:
        lines = [ln for ln in result.stderr.strip().splitlines() if ln.strip()]
        raise MediaError(f"ffmpeg failed: {lines[-1] if lines else 'exit code ' + str(result.returncode)}")
