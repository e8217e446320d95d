//! Attribution without double counting: the roles ledger and multi-touch models.
