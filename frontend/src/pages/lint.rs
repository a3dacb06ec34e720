//! `/lint`: every finding of the repository (pending edits included), grouped by rule,
//! by file or by severity (`?by=`), filtered by text (`?q=`), each linking to its line in
//! the editor. Rule groups explain their rule and offer "Fix all safe": that rule's safe
//! fixes in every file, applied as one undoable step of pending edits.
//!
//! The findings come from the studio's repository-wide sweep, which fills in without
//! blocking the page; until it is complete the page says how far it got.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::lint::{self, Applicability, Rule, Severity, WhichFixes};
use shared::sort;
use shared::text::LineIndex;

use crate::components::diagnostics::{
    RuleDocs, RuleExplanation, RuleSummary, SeverityBadge, inline_code, load_rule_docs,
    severity_label,
};
use crate::components::page_header::SearchBox;
use crate::components::status::{Empty, ErrorPanel, Loading};
use crate::components::toast::use_toasts;
use crate::links;
use crate::pages::fleet::Count;
use crate::studio::{Edits, Load, Studio, use_studio};

/// How many findings a group shows before "Show all".
const GROUP_PREVIEW: usize = 25;
/// How many groups the page shows before "Show all", for repositories with many files.
const GROUPS_PREVIEW: usize = 40;

/// How the findings are grouped; `?by=rule|file|severity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grouping {
    Rule,
    File,
    Severity,
}

impl Grouping {
    const ALL: [Grouping; 3] = [Grouping::Rule, Grouping::File, Grouping::Severity];

    fn from_query(value: Option<&str>) -> Grouping {
        match value {
            Some("file") => Grouping::File,
            Some("severity") => Grouping::Severity,
            _ => Grouping::Rule,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Grouping::Rule => "rule",
            Grouping::File => "file",
            Grouping::Severity => "severity",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Grouping::Rule => "Rule",
            Grouping::File => "File",
            Grouping::Severity => "Severity",
        }
    }
}

/// One finding, with its position worked out.
#[derive(Debug, Clone, PartialEq)]
struct Finding {
    path: String,
    line: u32,
    column: u32,
    rule: Rule,
    severity: Severity,
    message: String,
    fix: Option<Applicability>,
}

impl Finding {
    fn matches(&self, needle: &str) -> bool {
        needle.is_empty()
            || self.path.to_lowercase().contains(needle)
            || self.rule.code().contains(needle)
            || self.message.to_lowercase().contains(needle)
    }

    fn href(&self) -> String {
        links::file_at(&self.path, self.line)
    }
}

/// A titled set of findings.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    /// What the group is about: a rule code, a path or a severity.
    key: String,
    rule: Option<Rule>,
    severity: Option<Severity>,
    findings: Vec<Finding>,
}

#[component]
pub fn LintPage() -> impl IntoView {
    let studio = use_studio();
    let docs = load_rule_docs();
    let query = use_query_map();
    let grouping = Memo::new(move |_| Grouping::from_query(query.read().get("by").as_deref()));
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let navigate = use_navigate();
    let set_query = move |grouping: Grouping, filter: &str| {
        let mut target = format!("/lint?by={}", grouping.key());
        if !filter.is_empty() {
            target.push_str("&q=");
            target.push_str(&links::encode(filter));
        }
        navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
    };
    let findings = Memo::new(move |_| {
        let found = studio.sweep.with(|sweep| sweep.results.clone());
        studio.files.with(|files| {
            let mut findings = Vec::new();
            for (path, diagnostics) in &found {
                if diagnostics.is_empty() {
                    continue;
                }
                let Some(text) = files.get(path) else { continue };
                let index = LineIndex::new(text);
                findings.extend(diagnostics.iter().map(|diagnostic| {
                    let position = index.line_col(text, diagnostic.range.start);
                    Finding {
                        path: path.clone(),
                        line: position.line,
                        column: position.column,
                        rule: diagnostic.rule,
                        severity: diagnostic.severity,
                        message: diagnostic.message.clone(),
                        fix: diagnostic.fix.as_ref().map(|fix| fix.applicability),
                    }
                }));
            }
            Arc::new(findings)
        })
    });
    let groups = Memo::new(move |_| {
        let needle = filter.get().to_lowercase();
        findings.with(|findings| Grouped::new(group(findings, grouping.get(), &needle)))
    });

    view! {
        <section class="space-y-5">
            <div class="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
                <div>
                    <h1 class="text-2xl font-semibold tracking-tight">"Lint"</h1>
                    <p class="text-sm text-slate-500 dark:text-slate-400">
                        "Every finding in the repository, with your pending edits applied."
                    </p>
                </div>
                <div class="flex flex-col gap-2 sm:flex-row sm:items-center">
                    <div
                        role="group"
                        aria-label="Group findings by"
                        class="inline-flex self-start rounded-lg border border-slate-300 bg-white p-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
                        data-grouping
                    >
                        {Grouping::ALL
                            .into_iter()
                            .map(|choice| {
                                let set_query = set_query.clone();
                                view! {
                                    <button
                                        type="button"
                                        data-by=choice.key()
                                        aria-pressed=move || (grouping.get() == choice).to_string()
                                        class="rounded-md px-3 py-1 text-slate-600 hover:text-slate-900 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 aria-pressed:bg-sky-600 aria-pressed:text-white dark:text-slate-300 dark:hover:text-white"
                                        on:click=move |_| set_query(choice, &filter.get_untracked())
                                    >
                                        {choice.label()}
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
                    <SearchBox
                        label="Filter findings by path, rule or message"
                        placeholder="Filter by path, rule, message  ( / )"
                        value=filter
                        on_input=Callback::new({
                            let set_query = set_query.clone();
                            move |value: String| set_query(grouping.get_untracked(), &value)
                        })
                    />
                </div>
            </div>
            {move || match studio.load.get() {
                Load::Loading => view! { <Loading what="the repository" /> }.into_any(),
                Load::Failed(message) => {
                    view! { <ErrorPanel title="The repository could not be loaded" message /> }
                        .into_any()
                }
                Load::Ready(_) => {
                    view! {
                        <Progress studio findings />
                        <Groups studio docs groups filter />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Totals, and how far the sweep got while it runs.
#[component]
fn Progress(studio: Studio, findings: Memo<Arc<Vec<Finding>>>) -> impl IntoView {
    view! {
        <div
            class="space-y-2 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-sweep=move || match studio.sweep.with(|sweep| sweep.is_complete()) {
                true => "complete",
                false => "running",
            }
        >
            <div class="flex flex-wrap items-center gap-2">
                {move || {
                    let count = |severity| {
                        findings.with(|findings| findings.iter().filter(|found| found.severity == severity).count())
                    };
                    let files = findings.with(|findings| {
                        findings.iter().map(|found| found.path.as_str()).collect::<BTreeSet<_>>().len()
                    });
                    let total = studio.sweep.with(|sweep| sweep.total);
                    view! {
                        <Count n=count(Severity::Error) label="error" tone="error" />
                        <Count n=count(Severity::Warning) label="warning" tone="warning" />
                        <Count n=count(Severity::Info) label="note" tone="info" />
                        <span class="text-slate-500 dark:text-slate-400">
                            {format!("in {files} of {total} files")}
                        </span>
                    }
                }}
            </div>
            {move || {
                let (done, total) = studio.sweep.with(|sweep| (sweep.done, sweep.total));
                (done < total)
                    .then(|| {
                        let percent = done * 100 / total.max(1);
                        view! {
                            <div
                                role="progressbar"
                                aria-label="Linting the repository"
                                aria-valuemin="0"
                                aria-valuemax=total
                                aria-valuenow=done
                                class="h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
                            >
                                <div class="h-full bg-sky-500 transition-all" style:width=format!("{percent}%")></div>
                            </div>
                            <p class="text-xs text-slate-500 dark:text-slate-400">
                                {format!("Linting {done} of {total} files…")}
                            </p>
                        }
                    })
            }}
        </div>
    }
}

/// The groups in display order, each findable by its key without a search, so that
/// every group's view can follow its own group while the sweep fills in.
#[derive(Debug, Clone, Default, PartialEq)]
struct Grouped {
    order: Vec<String>,
    by_key: HashMap<String, Group>,
}

impl Grouped {
    fn new(groups: Vec<Group>) -> Grouped {
        let order = groups.iter().map(|group| group.key.clone()).collect();
        let by_key = groups.into_iter().map(|group| (group.key.clone(), group)).collect();
        Grouped { order, by_key }
    }
}

#[component]
fn Groups(
    studio: Studio,
    docs: RuleDocs,
    groups: Memo<Grouped>,
    filter: Memo<String>,
) -> impl IntoView {
    let is_empty = Memo::new(move |_| groups.with(|groups| groups.order.is_empty()));
    let count = Memo::new(move |_| groups.with(|groups| groups.order.len()));
    let show_all = RwSignal::new(false);
    move || {
        if is_empty.get() {
            let complete = studio.sweep.with(|sweep| sweep.is_complete());
            let message = match (filter.with(String::is_empty), complete) {
                (false, _) => "No finding matches this filter.",
                (true, true) => "No findings: every file passes every enabled rule.",
                (true, false) => "No findings so far.",
            };
            return view! { <Empty message /> }.into_any();
        }
        view! {
            <div class="space-y-4" data-groups>
                <For
                    each=move || {
                        let limit = match show_all.get() {
                            true => usize::MAX,
                            false => GROUPS_PREVIEW,
                        };
                        groups.with(|groups| groups.order.iter().take(limit).cloned().collect::<Vec<_>>())
                    }
                    key=|key| key.clone()
                    let:key
                >
                    <GroupView studio docs group=key groups />
                </For>
                <Show when=move || { !show_all.get() && count.get() > GROUPS_PREVIEW }>
                    <button
                        type="button"
                        class="w-full rounded-xl border border-dashed border-slate-300 px-4 py-3 text-sm text-sky-700 hover:bg-white focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-700 dark:text-sky-300 dark:hover:bg-slate-900"
                        on:click=move |_| show_all.set(true)
                    >
                        {move || format!("Show all {} groups", count.get())}
                    </button>
                </Show>
            </div>
        }
            .into_any()
    }
}

#[component]
fn GroupView(
    studio: Studio,
    docs: RuleDocs,
    group: String,
    groups: Memo<Grouped>,
) -> impl IntoView {
    let key = group.clone();
    let current = Memo::new(move |_| groups.with(|groups| groups.by_key.get(&key).cloned()));
    let show_all = RwSignal::new(false);
    let is_file_group = current.with_untracked(|found| {
        found.as_ref().is_some_and(|found| found.rule.is_none() && found.severity.is_none())
    });
    let (rule, severity) = current.with_untracked(|found| {
        found.as_ref().map_or((None, None), |found| (found.rule, found.severity))
    });
    let title = match (rule, severity) {
        (Some(rule), _) => view! { <code class="font-mono">{rule.code()}</code> }.into_any(),
        (None, Some(severity)) => {
            let label = match severity {
                Severity::Error => "Errors",
                Severity::Warning => "Warnings",
                Severity::Info => "Notes",
            };
            view! { <span>{label}</span> }.into_any()
        }
        (None, None) => {
            let path = group.clone();
            view! {
                <A href=links::file(&path) attr:class="break-all font-mono text-sky-700 hover:underline dark:text-sky-300">
                    {path}
                </A>
            }
                .into_any()
        }
    };
    let count =
        move || current.with(|found| found.as_ref().map_or(0, |found| found.findings.len()));
    let files = move || {
        current.with(|found| {
            found.as_ref().map_or(0, |found| {
                found
                    .findings
                    .iter()
                    .map(|finding| finding.path.as_str())
                    .collect::<BTreeSet<_>>()
                    .len()
            })
        })
    };
    view! {
        <section
            class="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-group=group
        >
            <header class="space-y-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
                <div class="flex flex-wrap items-center gap-2">
                    {rule.and(severity).map(|severity| view! { <SeverityBadge severity /> })}
                    <h2 class="min-w-0 text-base font-semibold">{title}</h2>
                    <span class="text-sm text-slate-500 dark:text-slate-400">
                        {move || match (count(), files()) {
                            (1, _) => "1 finding".to_owned(),
                            (count, _) if is_file_group => format!("{count} findings"),
                            (count, 1) => format!("{count} findings in 1 file"),
                            (count, files) => format!("{count} findings in {files} files"),
                        }}
                    </span>
                    {rule.map(|rule| view! { <FixRuleButton studio rule /> })}
                </div>
                {rule
                    .map(|rule| {
                        let code = rule.code();
                        view! {
                            <p class="text-sm text-slate-600 dark:text-slate-300">
                                <RuleSummary docs code />
                            </p>
                            <details class="group text-sm">
                                <summary class="cursor-pointer select-none rounded text-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300">
                                    "Explanation"
                                </summary>
                                <div class="mt-2 rounded-md bg-slate-50 p-3 dark:bg-slate-950">
                                    <RuleExplanation docs code />
                                </div>
                            </details>
                        }
                    })}
            </header>
            <ul class="divide-y divide-slate-100 dark:divide-slate-800">
                {move || {
                    current
                        .with(|found| {
                            let Some(found) = found else { return ().into_any() };
                            let limit = match show_all.get() {
                                true => usize::MAX,
                                false => GROUP_PREVIEW,
                            };
                            found
                                .findings
                                .iter()
                                .take(limit)
                                .map(|finding| finding_row(finding, rule.is_none(), !is_file_group))
                                .collect_view()
                                .into_any()
                        })
                }}
            </ul>
            <Show when=move || { !show_all.get() && count() > GROUP_PREVIEW }>
                <button
                    type="button"
                    class="w-full border-t border-slate-200 px-4 py-2 text-sm text-sky-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 dark:border-slate-800 dark:text-sky-300 dark:hover:bg-slate-800"
                    on:click=move |_| show_all.set(true)
                >
                    {move || format!("Show all {} findings", count())}
                </button>
            </Show>
        </section>
    }
}

/// One finding: where (a link to the line) and what. Grouped by rule, the rule is the
/// group's title and is left out here; grouped by file, so is the path.
fn finding_row(finding: &Finding, show_rule: bool, show_path: bool) -> impl IntoView + use<> {
    let location = match show_path {
        true => format!("{}:{}:{}", finding.path, finding.line, finding.column),
        false => format!("{}:{}", finding.line, finding.column),
    };
    let fix = finding.fix.map(|applicability| match applicability {
        Applicability::Safe => "safe fix",
        Applicability::NeedsReview => "fix needs review",
    });
    view! {
        <li data-finding=finding.rule.code()>
            <a
                href=finding.href()
                class="flex flex-col gap-1 px-4 py-2 text-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 sm:flex-row sm:items-baseline sm:gap-3 dark:hover:bg-slate-800"
            >
                <span class="shrink-0 break-all font-mono text-xs text-sky-700 dark:text-sky-300">{location}</span>
                <span class="flex min-w-0 flex-1 flex-wrap items-baseline gap-2">
                    {show_rule.then(|| view! { <SeverityBadge severity=finding.severity /> })}
                    {show_rule.then(|| view! { <code class="font-mono text-xs">{finding.rule.code()}</code> })}
                    <span class="min-w-0 break-words">{inline_code(&finding.message)}</span>
                </span>
                {fix.map(|fix| view! { <span class="shrink-0 text-xs text-emerald-700 dark:text-emerald-300">{fix}</span> })}
            </a>
        </li>
    }
}

/// Applies one rule's safe fixes to every file as one undoable step.
#[component]
fn FixRuleButton(studio: Studio, rule: Rule) -> impl IntoView {
    let toasts = use_toasts();
    let fixable = Memo::new(move |_| {
        studio.sweep.with(|sweep| {
            sweep
                .results
                .values()
                .flat_map(|found| found.iter())
                .filter(|found| found.rule == rule && is_safe(found))
                .count()
        })
    });
    let fix_everywhere = move || {
        let (fixed, files) = fix_rule_everywhere(studio, rule);
        match files {
            0 => toasts.info(format!(
                "No safe fix of {} applied: the code changed or the fixes would not parse.",
                rule.code()
            )),
            _ => toasts.success(
                format!(
                    "Fixed {fixed} {} in {files} {}; review and commit.",
                    if fixed == 1 { "finding" } else { "findings" },
                    if files == 1 { "file" } else { "files" },
                ),
                None,
            ),
        }
    };
    view! {
        <Show when=move || { fixable.get() > 0 }>
            <button
                type="button"
                data-action="fix-rule"
                data-rule=rule.code()
                class="ml-auto rounded-md bg-emerald-600 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-emerald-500 focus-visible:ring-offset-2 dark:focus-visible:ring-offset-slate-900"
                title="Apply this rule's safe fixes in every file, as one undoable step"
                on:click=move |_| fix_everywhere()
            >
                {move || format!("Fix all safe ({})", fixable.get())}
            </button>
        </Show>
    }
}

fn is_safe(diagnostic: &lint::Diagnostic) -> bool {
    diagnostic.fix.as_ref().is_some_and(|fix| fix.applicability == Applicability::Safe)
}

/// Runs the fixer with only `rule` enabled on every file that has one of its safe fixes,
/// and records the results as one step. Returns the findings fixed and the files changed.
fn fix_rule_everywhere(studio: Studio, rule: Rule) -> (usize, usize) {
    let mut config = (*studio.lint_config.get_untracked()).clone();
    config.disabled.extend(Rule::ALL);
    config.disabled.remove(&rule);
    let candidates: Vec<String> = studio.sweep.with_untracked(|sweep| {
        sweep
            .results
            .iter()
            .filter(|(_, found)| found.iter().any(|found| found.rule == rule && is_safe(found)))
            .map(|(path, _)| path.clone())
            .collect()
    });
    let files = studio.files.get_untracked();
    let mut edits = Edits::new();
    let mut fixed = 0;
    for path in candidates {
        let Some(text) = files.get(&path) else { continue };
        let outcome = lint::fix(text, &config, WhichFixes::Safe);
        if outcome.changed() {
            fixed += outcome.applied.len();
            edits.insert(path, Some(outcome.text));
        }
    }
    let changed = edits.len();
    if changed > 0 {
        studio.apply(format!("fix all {}", rule.code()), edits);
    }
    (fixed, changed)
}

/// Groups the findings that match `needle`. Rules and severities come worst first; files
/// and the findings in a group come in path and line order.
fn group(findings: &[Finding], grouping: Grouping, needle: &str) -> Vec<Group> {
    let matching = findings.iter().filter(|finding| finding.matches(needle));
    let mut groups: Vec<Group> = match grouping {
        Grouping::Rule => {
            let mut by_rule: BTreeMap<Rule, Vec<Finding>> = BTreeMap::new();
            for finding in matching {
                by_rule.entry(finding.rule).or_default().push(finding.clone());
            }
            let mut groups: Vec<Group> = by_rule
                .into_iter()
                .map(|(rule, findings)| Group {
                    key: rule.code().to_owned(),
                    rule: Some(rule),
                    severity: findings.first().map(|finding| finding.severity),
                    findings,
                })
                .collect();
            sort::sort_by(&mut groups, |a, b| {
                b.severity.cmp(&a.severity).then_with(|| a.key.cmp(&b.key))
            });
            groups
        }
        Grouping::File => {
            let mut by_file: BTreeMap<String, Vec<Finding>> = BTreeMap::new();
            for finding in matching {
                by_file.entry(finding.path.clone()).or_default().push(finding.clone());
            }
            by_file
                .into_iter()
                .map(|(path, findings)| Group { key: path, rule: None, severity: None, findings })
                .collect()
        }
        Grouping::Severity => {
            let mut by_severity: BTreeMap<Severity, Vec<Finding>> = BTreeMap::new();
            for finding in matching {
                by_severity.entry(finding.severity).or_default().push(finding.clone());
            }
            by_severity
                .into_iter()
                .rev()
                .map(|(severity, findings)| Group {
                    key: severity_label(severity).to_owned(),
                    rule: None,
                    severity: Some(severity),
                    findings,
                })
                .collect()
        }
    };
    for group in &mut groups {
        sort::sort_by(&mut group.findings, |a, b| {
            (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column))
        });
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(path: &str, line: u32, rule: Rule, severity: Severity) -> Finding {
        Finding {
            path: path.to_owned(),
            line,
            column: 1,
            rule,
            severity,
            message: format!("{} here", rule.code()),
            fix: None,
        }
    }

    #[test]
    fn groups_by_rule_worst_first_and_filters() {
        let findings = [
            finding("b.nix", 3, Rule::EmptyPattern, Severity::Info),
            finding("a.nix", 9, Rule::BoolComparison, Severity::Warning),
            finding("a.nix", 2, Rule::EmptyPattern, Severity::Info),
        ];
        let groups = group(&findings, Grouping::Rule, "");
        let keys: Vec<&str> = groups.iter().map(|group| group.key.as_str()).collect();
        assert_eq!(keys, ["bool_comparison", "empty_pattern"]);
        let paths: Vec<&str> = groups[1].findings.iter().map(|found| found.path.as_str()).collect();
        assert_eq!(paths, ["a.nix", "b.nix"]);

        let by_file = group(&findings, Grouping::File, "pattern");
        let keys: Vec<&str> = by_file.iter().map(|group| group.key.as_str()).collect();
        assert_eq!(keys, ["a.nix", "b.nix"]);
        assert_eq!(by_file[0].findings.len(), 1);

        let by_severity = group(&findings, Grouping::Severity, "");
        let keys: Vec<&str> = by_severity.iter().map(|group| group.key.as_str()).collect();
        assert_eq!(keys, ["warning", "note"]);
    }
}
