//! Generates a multi-megabyte corpus of realistic Nix files for lint benchmarks.
