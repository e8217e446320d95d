//! App state, actions and `update`: what the user is looking at, with no terminal and no I/O.
