//! Highlighted Nix as one HTML string, for the editor and for code in rule explanations.
//!
//! The editor re-renders a file on every keystroke, so the markup is built as strings, one
//! per line, and only the lines that changed reach the DOM: thousands of reactive nodes
//! per file would cost more than the lint itself. Spans carry two-letter classes; their
//! colours are declared once on the container ([`TOKEN_STYLES`]) so the markup stays
//! small.

use std::collections::BTreeMap;

use shared::highlight::{Class, highlight};
use shared::lint::Severity;
use shared::sort;
use shared::text::ByteRange;

/// The colours of the classes [`code_lines`] emits, for the element that holds the markup.
pub const TOKEN_STYLES: &str = "[&_.tc]:text-slate-500 dark:[&_.tc]:text-slate-400 \
[&_.tk]:text-violet-700 dark:[&_.tk]:text-violet-300 \
[&_.ts]:text-emerald-700 dark:[&_.ts]:text-emerald-300 \
[&_.ti]:text-pink-600 dark:[&_.ti]:text-pink-300 \
[&_.tn]:text-amber-700 dark:[&_.tn]:text-amber-300 \
[&_.tp]:text-teal-700 dark:[&_.tp]:text-teal-300 \
[&_.to]:text-orange-700 dark:[&_.to]:text-orange-300 \
[&_.ta]:text-sky-800 dark:[&_.ta]:text-sky-300 \
[&_.tb]:text-indigo-700 dark:[&_.tb]:text-indigo-300 \
[&_.tx]:text-slate-500 dark:[&_.tx]:text-slate-400 \
[&_.tu]:text-slate-400 dark:[&_.tu]:text-slate-500 \
[&_.te]:bg-red-100 [&_.te]:text-red-700 dark:[&_.te]:bg-red-950 dark:[&_.te]:text-red-300 \
[&_.me]:underline [&_.me]:decoration-wavy [&_.me]:decoration-red-500 \
[&_.mw]:underline [&_.mw]:decoration-wavy [&_.mw]:decoration-amber-500 \
[&_.mi]:underline [&_.mi]:decoration-dotted [&_.mi]:decoration-sky-500 \
[&_.me]:underline-offset-4 [&_.mw]:underline-offset-4 [&_.mi]:underline-offset-4";

/// The colours of the line-number gutter's marked lines, for the element that holds
/// [`gutter_lines`]' markup.
pub const GUTTER_STYLES: &str = "[&_.ge]:bg-red-100 [&_.ge]:text-red-800 [&_.ge]:font-semibold \
dark:[&_.ge]:bg-red-950 dark:[&_.ge]:text-red-200 \
[&_.gw]:bg-amber-100 [&_.gw]:text-amber-900 [&_.gw]:font-semibold \
dark:[&_.gw]:bg-amber-950 dark:[&_.gw]:text-amber-200 \
[&_.gi]:bg-sky-50 [&_.gi]:text-sky-800 dark:[&_.gi]:bg-sky-950 dark:[&_.gi]:text-sky-200";

/// A stretch of source to underline because a finding points at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub range: ByteRange,
    pub severity: Severity,
}

fn class_name(class: Class) -> &'static str {
    match class {
        Class::Comment => "tc",
        Class::Keyword => "tk",
        Class::String => "ts",
        Class::Interpolation => "ti",
        Class::Number => "tn",
        Class::Path => "tp",
        Class::Constant => "to",
        Class::Attribute => "ta",
        Class::Identifier => "",
        Class::Builtin => "tb",
        Class::Operator => "tx",
        Class::Punctuation => "tu",
        Class::Error => "te",
    }
}

fn mark_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "me",
        Severity::Warning => "mw",
        Severity::Info => "mi",
    }
}

fn severity_index(severity: Severity) -> usize {
    match severity {
        Severity::Info => 0,
        Severity::Warning => 1,
        Severity::Error => 2,
    }
}

const SEVERITIES: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

/// `source` as highlighted, escaped HTML with `marks` underlined: one `<div>` per line
/// (a trailing empty line included, as a `<textarea>` shows it), so that an edit can
/// replace only the lines it changed. Tokens that span lines are split at line breaks.
/// The container must give empty lines their height.
pub fn code_lines(source: &str, marks: &[Mark]) -> Vec<String> {
    let spans = highlight(source);
    // Where a mark starts (+1) or ends (-1), by severity. An empty mark (an insertion
    // point) underlines the character after it, so it can be seen.
    let mut events: Vec<(usize, i32, usize)> = Vec::with_capacity(marks.len() * 2);
    for mark in marks {
        let Some(range) = visible_range(source, mark.range) else { continue };
        events.push((range.start, 1, severity_index(mark.severity)));
        events.push((range.end, -1, severity_index(mark.severity)));
    }
    sort::sort(&mut events);
    let mut cuts: Vec<usize> = Vec::with_capacity(spans.len() * 2 + events.len() + 2);
    cuts.push(0);
    for span in &spans {
        cuts.push(span.range.start);
        cuts.push(span.range.end);
    }
    cuts.extend(events.iter().map(|&(offset, _, _)| offset));
    cuts.push(source.len());
    sort::sort(&mut cuts);
    cuts.dedup();

    let mut out = Lines::default();
    let mut open: [i32; 3] = [0; 3];
    let (mut next_span, mut next_event) = (0, 0);
    let mut run: Option<(usize, &'static str, Option<Severity>)> = None;
    for window in cuts.windows(2) {
        let (start, end) = (window[0], window[1]);
        while next_span < spans.len() && spans[next_span].range.end <= start {
            next_span += 1;
        }
        while next_event < events.len() && events[next_event].0 <= start {
            let (_, delta, severity) = events[next_event];
            open[severity] += delta;
            next_event += 1;
        }
        let class = spans
            .get(next_span)
            .filter(|span| span.range.start <= start)
            .map_or("", |span| class_name(span.class));
        let mark = (0..3).rev().find(|&index| open[index] > 0).map(|index| SEVERITIES[index]);
        match run {
            Some((_, run_class, run_mark)) if run_class == class && run_mark == mark => {}
            _ => {
                if let Some((run_start, run_class, run_mark)) = run {
                    out.push_run(&source[run_start..start], run_class, run_mark);
                }
                run = Some((start, class, mark));
            }
        }
        if end == source.len()
            && let Some((run_start, run_class, run_mark)) = run.take()
        {
            out.push_run(&source[run_start..end], run_class, run_mark);
        }
    }
    out.finish()
}

/// Highlighted code for a static `<pre>`, whose container gives empty lines their height.
pub fn code_html(source: &str) -> String {
    code_lines(source, &[]).concat()
}

/// The range to underline for a finding: never empty, on character boundaries, inside the
/// text; `None` when there is nothing left to underline (a finding at the very end).
fn visible_range(source: &str, range: ByteRange) -> Option<ByteRange> {
    let start = range.start.min(source.len());
    let mut end = range.end.clamp(start, source.len());
    if !source.is_char_boundary(start) {
        return None;
    }
    if end == start {
        end = source[start..].chars().next().map(|next| start + next.len_utf8())?;
    }
    while !source.is_char_boundary(end) {
        end += 1;
    }
    Some(ByteRange::new(start, end))
}

/// The lines rendered so far and the one being written, which starts with its `<div>`.
struct Lines {
    done: Vec<String>,
    current: String,
}

impl Default for Lines {
    fn default() -> Lines {
        Lines { done: Vec::new(), current: String::from(LINE_START) }
    }
}

const LINE_START: &str = "<div>";
const LINE_END: &str = "</div>";

impl Lines {
    /// Appends `text` in `class` with `mark`, closing and reopening the span at each line
    /// break so every line stands alone.
    fn push_run(&mut self, text: &str, class: &str, mark: Option<Severity>) {
        let mark = mark.map_or("", mark_name);
        for (index, piece) in text.split('\n').enumerate() {
            if index > 0 {
                self.end_line();
            }
            if piece.is_empty() {
                continue;
            }
            if class.is_empty() && mark.is_empty() {
                escape_into(&mut self.current, piece);
                continue;
            }
            self.current.push_str("<span class=\"");
            self.current.push_str(class);
            if !class.is_empty() && !mark.is_empty() {
                self.current.push(' ');
            }
            self.current.push_str(mark);
            self.current.push_str("\">");
            escape_into(&mut self.current, piece);
            self.current.push_str("</span>");
        }
    }

    fn end_line(&mut self) {
        self.current.push_str(LINE_END);
        let next = String::with_capacity(self.current.len().max(64));
        self.done.push(std::mem::replace(&mut self.current, next));
        self.current.push_str(LINE_START);
    }

    fn finish(mut self) -> Vec<String> {
        self.end_line();
        self.done
    }
}

fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Line numbers `1..=line_count`, one `<div>` per line; lines in `marked` carry the
/// class of their most severe finding and say so to screen readers.
pub fn gutter_lines(line_count: usize, marked: &BTreeMap<u32, Severity>) -> Vec<String> {
    (1..=line_count)
        .map(|line| {
            let number = u32::try_from(line).unwrap_or(u32::MAX);
            match marked.get(&number) {
                Some(severity) => format!(
                    "<div class=\"g{}\" title=\"{}\">{line}</div>",
                    &mark_name(*severity)[1..],
                    severity.as_str()
                ),
                None => format!("<div>{line}</div>"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_classes_tokens() {
        assert_eq!(
            code_lines("a < b && \"<x>\"", &[]),
            ["<div>a <span class=\"tx\">&lt;</span> b <span class=\"tx\">&amp;&amp;</span> \
              <span class=\"ts\">\"&lt;x&gt;\"</span></div>"]
        );
    }

    #[test]
    fn underlines_marked_ranges_across_tokens_with_the_worst_severity() {
        let source = "x = a == true;";
        let marks = [
            Mark { range: ByteRange::new(4, 13), severity: Severity::Warning },
            Mark { range: ByteRange::new(9, 13), severity: Severity::Error },
        ];
        assert_eq!(
            code_lines(source, &marks),
            ["<div><span class=\"ta\">x</span> <span class=\"tx\">=</span> \
              <span class=\"mw\">a </span><span class=\"tx mw\">==</span><span class=\"mw\"> </span>\
              <span class=\"to me\">true</span><span class=\"tu\">;</span></div>"]
        );
    }

    #[test]
    fn lines_stand_alone_and_the_last_empty_line_is_kept() {
        assert_eq!(
            code_lines("# one\n\n\"a\nb\"\n", &[]),
            [
                "<div><span class=\"tc\"># one</span></div>",
                "<div></div>",
                "<div><span class=\"ts\">\"a</span></div>",
                "<div><span class=\"ts\">b\"</span></div>",
                "<div></div>",
            ]
        );
    }

    #[test]
    fn empty_marks_underline_the_next_character_and_vanish_at_the_end() {
        let marks = [
            Mark { range: ByteRange::empty(1), severity: Severity::Info },
            Mark { range: ByteRange::empty(3), severity: Severity::Error },
        ];
        assert_eq!(code_lines("a b", &marks), ["<div>a<span class=\"mi\"> </span>b</div>"]);
    }

    #[test]
    fn gutter_marks_lines() {
        let marked = BTreeMap::from([(2, Severity::Error)]);
        assert_eq!(
            gutter_lines(3, &marked),
            ["<div>1</div>", "<div class=\"ge\" title=\"error\">2</div>", "<div>3</div>"]
        );
    }
}
