//! Roll-ups and ratios: every ratio is recomputed from its summed parts at every level.
