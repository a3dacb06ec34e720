//! Integration tests of the lint engine.
