//! The file does not parse as Nix.
//!
//! ## What it does
//! Reports every error the parser finds (an unexpected token, a missing `;`, an
//! unclosed brace...), at the place it was found.
//!
//! ## Why it is bad
//! Nix refuses to evaluate the file, so every host that imports it fails to build. Other
//! rules still run on the rest of the file, but no fix is offered until it parses.
//!
//! ## Example
//! ```nix
//! { services.openssh.enable = true }
//! ```
//!
//! ## Fix safety
//! No automatic fix: only a person knows what was meant.

use rnix::ParseError;

use crate::lint::Rule;
use crate::lint::context::Context;
use crate::text::ByteRange;

pub(crate) fn report(context: &mut Context, errors: &[ParseError]) {
    let end = context.source.len();
    for error in errors {
        let range = match error {
            ParseError::Unexpected(range)
            | ParseError::UnexpectedExtra(range)
            | ParseError::UnexpectedWanted(_, range, _)
            | ParseError::UnexpectedDoubleBind(range)
            | ParseError::DuplicatedArgs(range, _) => ByteRange::from(*range),
            _ => ByteRange::empty(end),
        };
        context.report(Rule::SyntaxError, range, error.to_string());
    }
}
