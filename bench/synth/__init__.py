"""The synthetic national corpus: deterministic from a seed, streamed to disk, with gold."""

from bench.synth.plan import Campaign, DocSpec, campaigns, documents
from bench.synth.render import render
from bench.synth.text import MARKER, Text
from bench.synth.write import Written, default_gold_dir, generate, gold_yaml

__all__ = ["MARKER", "Campaign", "DocSpec", "Text", "Written", "campaigns", "default_gold_dir",
           "documents", "generate", "gold_yaml", "render"]
