"""The alignment report: its typed model and JSON form, how it is built, and its printed summary."""

from companion.report.build import build_alignment
from companion.report.model import DOUBTFUL, Alignment, ChapterSpan, ParagraphSpan, SentenceSpan
from companion.report.summary import summary_text

__all__ = ["DOUBTFUL", "Alignment", "ChapterSpan", "ParagraphSpan", "SentenceSpan", "build_alignment",
           "summary_text"]
