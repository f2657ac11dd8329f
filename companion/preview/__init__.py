"""The companion page: a static folder with the player, the transcript to read along, and a review mode."""

from companion.preview.build import DOWNLOADS, PAGE_FILES, Passage, page_files, untranslated

__all__ = ["DOWNLOADS", "PAGE_FILES", "Passage", "page_files", "untranslated"]
