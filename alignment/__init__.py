"""Alignment: which central task(s) each local task takes up.

- `alignment.words`: Vietnamese words of a text (segmented, tone marks kept), stop-words and
  domain terms as data;
- `alignment.scoring`: pure scoring of (local, central) pairs, calibrated probabilities,
  proposals;
- `alignment.calibration`: fitting the model on a hand alignment, leave-one-plan-out checks;
- `alignment.deriving`: reading a store, writing the derived ALIGNS_WITH sources, realigning;
- `alignment.reviewed`: analysts' verdicts on pairs as stored (Review nodes, their sources);
- `alignment.review`: the review loop (queue by uncertainty, accept/reject, export/import).
"""
