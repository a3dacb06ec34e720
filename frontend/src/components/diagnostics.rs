//! Pieces for showing lint findings, shared by the File and Lint pages: severity badges
//! and each rule's explanation, fetched from `/api/rules` (the web app does not carry the
//! rules' documentation itself; it would grow by every rule's source text).

use std::sync::Arc;

use leptos::prelude::*;
use shared::api::RuleList;
use shared::lint::Severity;

use crate::api::{self, ApiFailure};
use crate::components::highlight::{TOKEN_STYLES, code_html};

/// The rule documentation, loading or loaded.
pub type RuleDocs = LocalResource<Result<Arc<RuleList>, ApiFailure>>;

/// Starts fetching the rule documentation for the current page.
pub fn load_rule_docs() -> RuleDocs {
    LocalResource::new(|| async { api::rules().await.map(Arc::new) })
}

/// What a severity is called on screen: findings of `info` severity are notes.
pub fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

#[component]
pub fn SeverityBadge(severity: Severity) -> impl IntoView {
    let colours = match severity {
        Severity::Error => "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
        Severity::Warning => "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
        Severity::Info => "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
    };
    view! {
        <span
            class=format!("shrink-0 rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase tracking-wide {colours}")
            data-severity=severity.as_str()
        >
            {severity_label(severity)}
        </span>
    }
}

/// The one-line summary of rule `code`, once the documentation has arrived.
pub fn rule_summary(docs: RuleDocs, code: &'static str) -> impl Fn() -> Option<String> {
    move || {
        docs.with(|loaded| {
            let rules = loaded.as_ref()?.as_ref().ok()?;
            rules.rules.iter().find(|rule| rule.code == code).map(|rule| rule.summary.clone())
        })
    }
}

/// The one-line summary of rule `code`, with its `code` parts set as code.
#[component]
pub fn RuleSummary(docs: RuleDocs, code: &'static str) -> impl IntoView {
    let summary = rule_summary(docs, code);
    move || summary().map(|text| inline_code(&text))
}

/// The full explanation of rule `code`: what it finds, why it matters, an example, and
/// whether its fix is safe.
#[component]
pub fn RuleExplanation(docs: RuleDocs, code: &'static str) -> impl IntoView {
    view! {
        <div class="space-y-2 text-sm text-slate-700 dark:text-slate-300" data-explanation=code>
            {move || {
                docs.with(|loaded| match loaded {
                    None => {
                        view! {
                            <p role="status" class="animate-pulse text-slate-500">
                                "Loading the explanation…"
                            </p>
                        }
                            .into_any()
                    }
                    Some(Err(failure)) => {
                        view! {
                            <p class="text-red-700 dark:text-red-300">
                                {format!("The explanation could not be loaded: {failure}")}
                            </p>
                        }
                            .into_any()
                    }
                    Some(Ok(rules)) => {
                        match rules.rules.iter().find(|rule| rule.code == code) {
                            Some(rule) => doc_view(&rule.doc).into_any(),
                            None => {
                                view! {
                                    <p class="text-slate-500">
                                        "The server does not know this rule; it may be older than the web app."
                                    </p>
                                }
                                    .into_any()
                            }
                        }
                    }
                })
            }}
        </div>
    }
}

/// A block of a rule's Markdown documentation; only what the rule files use.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Heading(String),
    Paragraph(String),
    Code(String),
}

/// Splits documentation into headings (`## `), fenced code and paragraphs. The first
/// paragraph is the summary, shown elsewhere, so it is left out.
fn blocks(doc: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut code: Option<Vec<&str>> = None;
    let flush = |paragraph: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !paragraph.is_empty() {
            blocks.push(Block::Paragraph(paragraph.join(" ")));
            paragraph.clear();
        }
    };
    for line in doc.lines() {
        if let Some(lines) = code.as_mut() {
            match line.trim_start().starts_with("```") {
                true => {
                    blocks.push(Block::Code(lines.join("\n")));
                    code = None;
                }
                false => lines.push(line),
            }
            continue;
        }
        if line.trim_start().starts_with("```") {
            flush(&mut paragraph, &mut blocks);
            code = Some(Vec::new());
        } else if let Some(heading) = line.strip_prefix("## ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(Block::Heading(heading.trim().to_owned()));
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else {
            paragraph.push(line.trim());
        }
    }
    flush(&mut paragraph, &mut blocks);
    if let Some(lines) = code {
        blocks.push(Block::Code(lines.join("\n")));
    }
    if matches!(blocks.first(), Some(Block::Paragraph(_))) {
        blocks.remove(0);
    }
    blocks
}

fn doc_view(doc: &str) -> impl IntoView + use<> {
    blocks(doc)
        .into_iter()
        .map(|block| match block {
            Block::Heading(text) => {
                view! {
                    <h4 class="pt-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                        {text}
                    </h4>
                }
                    .into_any()
            }
            Block::Paragraph(text) => view! { <p class="leading-6">{inline_code(&text)}</p> }.into_any(),
            Block::Code(text) => {
                view! {
                    <pre
                        class=format!(
                            "overflow-x-auto rounded-md bg-slate-100 px-3 py-2 font-mono text-xs leading-5 [&>div]:min-h-5 dark:bg-slate-800 {TOKEN_STYLES}",
                        )
                        inner_html=code_html(&text)
                    ></pre>
                }
                    .into_any()
            }
        })
        .collect_view()
}

/// Text with `backticked` parts shown as code, as rule messages and docs write it.
pub fn inline_code(text: &str) -> impl IntoView + use<> {
    text.split('`')
        .enumerate()
        .map(|(index, part)| match index % 2 {
            1 => view! {
                <code class="rounded bg-slate-100 px-1 font-mono text-[0.85em] dark:bg-slate-800">
                    {part.to_owned()}
                </code>
            }
            .into_any(),
            _ => part.to_owned().into_any(),
        })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_splits_into_headings_paragraphs_and_code() {
        let doc = "Summary line.\n\n## What it does\nFinds `x`\nand more.\n\n## Example\n```nix\na = 1;\n```\n";
        assert_eq!(
            blocks(doc),
            [
                Block::Heading("What it does".to_owned()),
                Block::Paragraph("Finds `x` and more.".to_owned()),
                Block::Heading("Example".to_owned()),
                Block::Code("a = 1;".to_owned()),
            ]
        );
    }
}
