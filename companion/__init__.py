"""podcast-companion: align a translated Chinese article with an English podcast."""

__version__ = "0.1.0"
