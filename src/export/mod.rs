//! Writers that turn view models into text for reports, pipes and meeting notes.
