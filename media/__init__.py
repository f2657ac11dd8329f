"""Audio: finding ffmpeg, and writing chapters into audio files."""
