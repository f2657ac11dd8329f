"""The companion page: a static folder with a player, chapters, the bilingual transcript and an overview."""

from companion.preview.build import write_preview

__all__ = ["write_preview"]
