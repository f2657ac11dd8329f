"""Reading a translated Chinese article: text decoding, structure, speakers and sentences."""

from companion.article.model import Article, Chapter, Paragraph, Sentence, Skipped
from companion.article.structure import parse_article, read_article

__all__ = ["Article", "Chapter", "Paragraph", "Sentence", "Skipped", "parse_article", "read_article"]
