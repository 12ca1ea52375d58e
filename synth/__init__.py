"""The synthetic national corpus: deterministic from a seed, streamed to disk, with gold."""

from synth.plan import Campaign, DocSpec, campaigns, documents
from synth.render import render
from synth.text import MARKER, Text
from synth.write import Written, default_gold_dir, generate, gold_yaml

__all__ = ["MARKER", "Campaign", "DocSpec", "Text", "Written", "campaigns", "default_gold_dir",
           "documents", "generate", "gold_yaml", "render"]
