//! Integration tests of the fleet model.
