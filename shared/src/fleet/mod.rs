//! The fleet model: discovery of hosts, options and values in a repository, and lossless edits.
