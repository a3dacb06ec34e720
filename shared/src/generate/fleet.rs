//! Generates a large fleet repository (hosts, modules, toggles) for fleet-model benchmarks and tests.
