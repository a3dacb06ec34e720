//! A file longer than the configured limit (500 lines by default).
//!
//! ## What it does
//! Reports a file whose line count exceeds `[lint.monolithic_file] max_lines`.
//!
//! ## Why it is bad
//! A 900-line host file mixes hardware, services, users and desktop settings: changes
//! collide, reviews are long, and nothing can be reused by another host. Split it into
//! modules (`hosts/<host>/nixos/*.nix`, or feature modules under `modules/`).
//!
//! ## Example
//! A `configuration.nix` of 800 lines.
//!
//! ## Fix safety
//! No automatic fix.

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::text::ByteRange;

pub(super) fn check_file(context: &mut Context) {
    let source = context.source;
    let lines = context.line_count();
    let limit = context.config.monolithic_max_lines;
    if lines <= limit {
        return;
    }
    let first_line_end = source.find('\n').unwrap_or(source.len());
    context.report(
        Rule::MonolithicFile,
        ByteRange::new(0, first_line_end),
        format!("this file has {lines} lines (limit {limit}); split it into modules"),
    );
}
