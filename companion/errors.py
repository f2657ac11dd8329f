"""The one exception type the command line turns into a one-line message and exit code 2."""


class InputError(Exception):
    """Bad input or usage: the message is shown to the user as is."""
