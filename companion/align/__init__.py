"""Cross-lingual alignment of Chinese sentences to English timed sentences."""
