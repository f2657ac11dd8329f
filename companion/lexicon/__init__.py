"""Cross-lingual evidence: CC-CEDICT glosses, English stems, and anchors that survive translation."""
