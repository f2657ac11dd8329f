"""The error media operations raise for a bad or unreadable file; the CLI shows its message as one line."""


class MediaError(Exception):
    """A media file could not be read or written: the message is shown to the user as is."""
