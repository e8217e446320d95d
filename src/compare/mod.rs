//! Comparing two periods: deltas that know whether up is good, percentage points for rates.
