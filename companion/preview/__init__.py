"""The companion page: a static folder with a player, chapters, the bilingual transcript and an overview."""

from companion.preview.build import PAGE_FILES, page_files

__all__ = ["PAGE_FILES", "page_files"]
