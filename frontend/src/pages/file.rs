//! `/files/{path}`: one file as it is now (pending edits included), highlighted and
//! editable, linted as the person types, with quick fixes; `?line=N` highlights line N
//! and scrolls to it. `/files`: every file of the repository with its lint counts.
//!
//! Typing goes straight into the studio's pending edits (one undo step per burst of
//! typing in a file), so the pending bar, the diff and every other page see it at once;
//! "Save as a change" opens the shell's Commit dialog for all pending edits.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use leptos::html;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::files::FileSet;
use shared::lint::{self, Applicability, Diagnostic, Rule, Severity, WhichFixes};
use shared::text::{ByteRange, LineIndex, apply_edits};

use crate::components::diagnostics::{
    RuleDocs, RuleExplanation, SeverityBadge, inline_code, load_rule_docs, rule_summary,
};
use crate::components::editor::{Editor, select};
use crate::components::highlight::Mark;
use crate::components::page_header::{SearchHeader, use_query_filter};
use crate::components::status::{Empty, ErrorPanel, Loading};
use crate::components::toast::use_toasts;
use crate::links;
use crate::pages::fleet::Count;
use crate::studio::{Edits, Load, Studio, use_studio};

/// The classes of the page's secondary buttons.
const BUTTON: &str = "inline-flex items-center gap-1 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:bg-slate-800";

#[component]
pub fn FilePage() -> impl IntoView {
    let studio = use_studio();
    let params = use_params_map();
    let path = Memo::new(move |_| links::param(params.read().get("path").unwrap_or_default()));
    view! {
        {move || match studio.load.get() {
            Load::Loading => view! { <Loading what="the repository" /> }.into_any(),
            Load::Failed(message) => {
                view! { <ErrorPanel title="The repository could not be loaded" message /> }
                    .into_any()
            }
            Load::Ready(base) => {
                let path = path.get();
                if base.secrets.contains(&path) {
                    return view! { <SecretNotice path /> }.into_any();
                }
                view! { <FileView studio path /> }.into_any()
            }
        }}
    }
}

/// The editor, or what to do instead when the file is not there.
#[component]
fn FileView(studio: Studio, path: String) -> impl IntoView {
    let exists = {
        let path = path.clone();
        Memo::new(move |_| studio.files.with(|files| files.contains(&path)))
    };
    move || match exists.get() {
        true => view! { <FileEditor studio path=path.clone() /> }.into_any(),
        false => view! { <MissingFile studio path=path.clone() /> }.into_any(),
    }
}

/// One finding with the position the list shows.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    diagnostic: Diagnostic,
    line: u32,
    column: u32,
}

impl Row {
    fn applicability(&self) -> Option<Applicability> {
        self.diagnostic.fix.as_ref().map(|fix| fix.applicability)
    }
}

/// The findings of the text as it is now, numbered so a benchmark (and a test) can wait
/// for a fresh result after a keystroke.
#[derive(Debug, Clone, PartialEq)]
struct Linted {
    generation: u64,
    rows: Arc<Vec<Row>>,
}

#[component]
fn FileEditor(studio: Studio, path: String) -> impl IntoView {
    let toasts = use_toasts();
    let docs = load_rule_docs();
    let query = use_query_map();
    let navigate = use_navigate();
    let path = StoredValue::new(path);
    let textarea = NodeRef::<html::Textarea>::new();
    let text = Memo::new(move |_| {
        path.with_value(|path| {
            studio.files.with(|files| files.get(path).unwrap_or_default().to_owned())
        })
    });
    let linted = Memo::new(move |previous: Option<&Linted>| {
        let config = studio.lint_config.get();
        let rows = text.with(|text| {
            let diagnostics = path.with_value(|path| studio.lint_text(path, text, &config));
            rows(text, &diagnostics)
        });
        Linted { generation: previous.map_or(1, |previous| previous.generation + 1), rows }
    });
    let marks = Memo::new(move |_| {
        linted.with(|linted| {
            linted
                .rows
                .iter()
                .map(|row| Mark { range: row.diagnostic.range, severity: row.diagnostic.severity })
                .collect::<Vec<_>>()
        })
    });
    // The badges re-render only when a count changes, not on every keystroke.
    let severity_counts = Memo::new(move |_| linted.with(|linted| counts(&linted.rows)));
    let focus_line = RwSignal::new(None::<u32>);
    Effect::new(move |_| {
        let line = query.with(|query| query.get("line").and_then(|line| line.parse().ok()));
        focus_line.set(line);
    });
    let pending = Memo::new(move |_| {
        path.with_value(|path| studio.edits.with(|edits| edits.contains_key(path)))
    });
    let safe_fixes = Memo::new(move |_| {
        linted.with(|linted| {
            linted
                .rows
                .iter()
                .filter(|row| row.applicability() == Some(Applicability::Safe))
                .count()
        })
    });

    let on_input = Callback::new(move |value: String| {
        if focus_line.get_untracked().is_some() {
            focus_line.set(None);
        }
        path.with_value(|path| studio.type_into(path, value));
    });
    // The list keeps a finding's element while its key stays, so a click looks up the
    // finding as the text is now: its fix's offsets may have moved since it was drawn.
    let current_row = move |key: &FindingKey| {
        linted.with_untracked(|linted| {
            keyed(&linted.rows)
                .into_iter()
                .find(|(candidate, _)| candidate == key)
                .map(|(_, row)| row)
        })
    };
    let apply_fix = Callback::new(move |key: FindingKey| {
        let Some(row) = current_row(&key) else { return };
        let Some(fix) = &row.diagnostic.fix else { return };
        let current = text.get_untracked();
        match apply_edits(&current, &fix.edits) {
            Ok(fixed) => {
                let caret = fix.edits.iter().map(|edit| edit.range.start).min().unwrap_or(0);
                let label =
                    path.with_value(|path| format!("fix {} in {path}", row.diagnostic.rule.code()));
                studio.apply(
                    label,
                    path.with_value(|path| Edits::from([(path.clone(), Some(fixed))])),
                );
                let fixed_text = text.get_untracked();
                select(textarea, &fixed_text, ByteRange::empty(caret.min(fixed_text.len())));
                if fix.applicability == Applicability::NeedsReview {
                    toasts.info(
                        "This fix can change what the code means: check it in the diff before committing.",
                    );
                }
            }
            Err(error) => toasts.error(format!("This fix no longer fits the text: {error}")),
        }
    });
    let fix_all_safe = move || {
        let current = text.get_untracked();
        let outcome = lint::fix(&current, &studio.lint_config.get_untracked(), WhichFixes::Safe);
        if !outcome.changed() {
            toasts.info("Nothing to fix safely.");
            return;
        }
        let label = path.with_value(|path| format!("fix all safe in {path}"));
        studio.apply(
            label,
            path.with_value(|path| Edits::from([(path.clone(), Some(outcome.text))])),
        );
        toasts.success(
            match outcome.applied.len() {
                1 => "Applied 1 safe fix; review and commit.".to_owned(),
                count => format!("Applied {count} safe fixes; review and commit."),
            },
            None,
        );
    };
    let go_to = Callback::new(move |key: FindingKey| {
        let Some(row) = current_row(&key) else { return };
        focus_line.set(Some(row.line));
        let target = path.with_value(|path| links::file_at(path, row.line));
        navigate(
            &target,
            NavigateOptions { replace: true, scroll: false, ..NavigateOptions::default() },
        );
        select(textarea, &text.get_untracked(), row.diagnostic.range);
    });
    let revert = move || {
        let Some(base) = studio.base() else { return };
        path.with_value(|path| {
            let committed = base.files.get(path).map(str::to_owned);
            studio.apply(format!("revert {path}"), Edits::from([(path.clone(), committed)]));
        });
    };

    let name = path.with_value(|path| path.rsplit('/').next().unwrap_or(path).to_owned());
    let folder =
        path.with_value(|path| path.rsplit_once('/').map(|(folder, _)| format!("{folder}/")));
    view! {
        <section class="space-y-4" data-file=path.get_value()>
            <div class="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
                <div class="min-w-0">
                    <nav aria-label="Breadcrumb" class="text-sm text-slate-500 dark:text-slate-400">
                        <A href="/files" attr:class="underline-offset-2 hover:underline">
                            "Files"
                        </A>
                        <span aria-hidden="true">" / "</span>
                        <span class="break-all font-mono">{folder}</span>
                    </nav>
                    <h1 class="flex flex-wrap items-center gap-2 break-all font-mono text-xl font-semibold tracking-tight">
                        {name}
                        <Show when=move || pending.get()>
                            <span
                                class="rounded-full bg-amber-100 px-2 py-0.5 font-sans text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100"
                                data-file-pending
                            >
                                "edited"
                            </span>
                        </Show>
                    </h1>
                    <p class="mt-1 flex flex-wrap items-center gap-2 text-xs">
                        <span class="text-slate-500 dark:text-slate-400">
                            {move || text.with(|text| format!("{} lines", LineIndex::new(text).line_count()))}
                        </span>
                        {move || {
                            let (errors, warnings, notes) = severity_counts.get();
                            view! {
                                <Count n=errors label="error" tone="error" />
                                <Count n=warnings label="warning" tone="warning" />
                                <Count n=notes label="note" tone="info" />
                            }
                        }}
                    </p>
                </div>
                <div class="flex flex-wrap gap-2">
                    <button
                        type="button"
                        class=BUTTON
                        data-action="revert-file"
                        disabled=move || !pending.get()
                        title="Put this file back as it is in the commit (undoable)"
                        on:click=move |_| revert()
                    >
                        "Revert file"
                    </button>
                    <button
                        type="button"
                        class=BUTTON
                        data-action="fix-all-safe"
                        disabled=move || safe_fixes.get() == 0
                        on:click=move |_| fix_all_safe()
                    >
                        {move || format!("Fix all safe ({})", safe_fixes.get())}
                    </button>
                    <button
                        type="button"
                        data-action="save-change"
                        class="rounded-md bg-sky-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 dark:focus-visible:ring-offset-slate-950"
                        disabled=move || studio.pending_count() == 0
                        title=move || match studio.pending_count() {
                            0 => "Nothing to save yet: edit the file first".to_owned(),
                            _ => "Commit every pending edit as a change (Ctrl+Enter)".to_owned(),
                        }
                        on:click=move |_| studio.commit_open.set(true)
                    >
                        "Save as a change…"
                    </button>
                </div>
            </div>
            {move || {
                studio
                    .lint_config_error
                    .get()
                    .map(|error| {
                        view! {
                            <p class="rounded-md border border-amber-300 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
                                {format!("The repository's lint configuration could not be read, so the defaults apply: {error}")}
                            </p>
                        }
                    })
            }}
            <div class="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,1fr)_24rem]">
                <Editor
                    label=path.with_value(|path| format!("Content of {path}"))
                    text=text
                    marks=marks
                    focus_line=focus_line
                    on_input=on_input
                    textarea=textarea
                />
                <Findings linted docs apply_fix go_to />
            </div>
        </section>
    }
}

/// The list of findings beside (desktop) or below (phone) the editor. It is keyed, so a
/// keystroke re-renders only the findings it changed, not the whole list.
#[component]
fn Findings(
    linted: Memo<Linted>,
    docs: RuleDocs,
    apply_fix: Callback<FindingKey>,
    go_to: Callback<FindingKey>,
) -> impl IntoView {
    let explained = RwSignal::new(BTreeSet::<Rule>::new());
    let empty = Memo::new(move |_| linted.with(|linted| linted.rows.is_empty()));
    view! {
        <aside
            aria-labelledby="findings-heading"
            class="rounded-lg border border-slate-200 bg-white shadow-sm lg:sticky lg:top-28 lg:max-h-[75vh] lg:overflow-y-auto dark:border-slate-800 dark:bg-slate-900"
        >
            <h2
                id="findings-heading"
                class="border-b border-slate-200 px-3 py-2 text-sm font-semibold dark:border-slate-800"
            >
                "Findings"
            </h2>
            <div
                data-diagnostics=move || linted.with(|linted| linted.rows.len())
                data-lint-generation=move || linted.with(|linted| linted.generation)
            >
                <Show
                    when=move || !empty.get()
                    fallback=|| {
                        view! {
                            <p class="p-4 text-sm text-slate-500 dark:text-slate-400">
                                "No findings in this file."
                            </p>
                        }
                    }
                >
                    <ul class="divide-y divide-slate-100 dark:divide-slate-800">
                        <For
                            each=move || linted.with(|linted| keyed(&linted.rows))
                            key=|(key, _)| key.clone()
                            children=move |(key, row)| {
                                view! { <FindingItem key row docs explained apply_fix go_to /> }
                            }
                        />
                    </ul>
                </Show>
            </div>
        </aside>
    }
}

#[component]
fn FindingItem(
    key: FindingKey,
    row: Row,
    docs: RuleDocs,
    explained: RwSignal<BTreeSet<Rule>>,
    apply_fix: Callback<FindingKey>,
    go_to: Callback<FindingKey>,
) -> impl IntoView {
    let rule = row.diagnostic.rule;
    let severity = row.diagnostic.severity;
    let code = rule.code();
    let summary = rule_summary(docs, code);
    let is_explained = move || explained.with(|explained| explained.contains(&rule));
    let position = format!("{}:{}", row.line, row.column);
    let fix_button = row.applicability().map(|applicability| {
        let key = key.clone();
        let (label, title, colours) = match applicability {
            Applicability::Safe => (
                "Fix",
                "Apply this fix (undoable)",
                "bg-emerald-600 text-white hover:bg-emerald-700",
            ),
            Applicability::NeedsReview => (
                "Fix (review)",
                "This fix can change what the code means: apply it, then review the diff before committing",
                "border border-amber-400 bg-amber-50 text-amber-900 hover:bg-amber-100 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100",
            ),
        };
        view! {
            <button
                type="button"
                data-action="fix"
                data-fix=match applicability {
                    Applicability::Safe => "safe",
                    Applicability::NeedsReview => "needs_review",
                }
                title=title
                class=format!("rounded-md px-2 py-1 text-xs font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 {colours}")
                on:click=move |_| apply_fix.run(key.clone())
            >
                {label}
            </button>
        }
    });
    view! {
        <li class="space-y-1.5 px-3 py-2.5 text-sm" data-diagnostic=code data-severity=severity.as_str()>
            <div class="flex flex-wrap items-center gap-2">
                <SeverityBadge severity />
                <code class="font-mono text-xs font-medium">{code}</code>
                <button
                    type="button"
                    class="ml-auto rounded px-1 font-mono text-xs text-sky-700 underline-offset-2 hover:underline focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300"
                    title="Show in the editor"
                    on:click=move |_| go_to.run(key.clone())
                >
                    {position}
                </button>
            </div>
            <p class="break-words">{inline_code(&row.diagnostic.message)}</p>
            <div class="flex flex-wrap items-center gap-2">
                {fix_button}
                <button
                    type="button"
                    class="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-slate-300 dark:hover:bg-slate-800"
                    aria-expanded=move || is_explained().to_string()
                    title=summary
                    on:click=move |_| {
                        explained
                            .update(|explained| {
                                if !explained.remove(&rule) {
                                    explained.insert(rule);
                                }
                            });
                    }
                >
                    {move || match is_explained() {
                        true => "Hide explanation",
                        false => "Why?",
                    }}
                </button>
            </div>
            <Show when=is_explained>
                <div class="rounded-md bg-slate-50 p-3 dark:bg-slate-950">
                    <RuleExplanation docs code />
                </div>
            </Show>
        </li>
    }
}

fn rows(text: &str, diagnostics: &[Diagnostic]) -> Arc<Vec<Row>> {
    let index = LineIndex::new(text);
    let rows = diagnostics
        .iter()
        .map(|diagnostic| {
            let position = index.line_col(text, diagnostic.range.start);
            Row { diagnostic: diagnostic.clone(), line: position.line, column: position.column }
        })
        .collect();
    Arc::new(rows)
}

/// What identifies a finding from one lint of the text to the next while the person types
/// elsewhere: everything its list item shows, but not its byte offsets, which shift with
/// every keystroke before it. `nth` tells identical findings apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct FindingKey {
    rule: Rule,
    severity: Severity,
    fix: Option<Applicability>,
    line: u32,
    column: u32,
    message: String,
    nth: usize,
}

/// `rows` with their keys, in order.
fn keyed(rows: &[Row]) -> Vec<(FindingKey, Row)> {
    let mut seen: HashMap<FindingKey, usize> = HashMap::new();
    rows.iter()
        .map(|row| {
            let diagnostic = &row.diagnostic;
            let mut key = FindingKey {
                rule: diagnostic.rule,
                severity: diagnostic.severity,
                fix: row.applicability(),
                line: row.line,
                column: row.column,
                message: diagnostic.message.clone(),
                nth: 0,
            };
            let nth = seen.entry(key.clone()).or_default();
            key.nth = *nth;
            *nth += 1;
            (key, row.clone())
        })
        .collect()
}

fn counts(rows: &[Row]) -> (usize, usize, usize) {
    let count = |severity| rows.iter().filter(|row| row.diagnostic.severity == severity).count();
    (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
}

/// Shown for a `.age` path: the studio never reads secrets.
#[component]
fn SecretNotice(path: String) -> impl IntoView {
    view! {
        <section class="mx-auto max-w-2xl space-y-3 py-8" data-file-state="secret">
            <h1 class="break-all font-mono text-xl font-semibold">{path}</h1>
            <p class="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-700 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-300">
                "This is an agenix secret. Its content is never sent to the browser, so it cannot be shown or edited here; the studio only knows it exists. Edit it with "
                <code class="font-mono">"agenix -e"</code> " on a machine that holds the key."
            </p>
            <A href="/files" attr:class="inline-block text-sm text-sky-700 underline dark:text-sky-300">
                "All files"
            </A>
        </section>
    }
}

/// Shown for a path that is not in the repository (or that a pending edit deletes), with
/// the files nearest to it.
#[component]
fn MissingFile(studio: Studio, path: String) -> impl IntoView {
    let deleted = studio.edits.with_untracked(|edits| matches!(edits.get(&path), Some(None)));
    let suggestions = studio.files.with_untracked(|files| nearby(files, &path));
    let message = match deleted {
        true => {
            "Your pending edits delete this file. Undo that in the pending bar to see it again."
        }
        false => "There is no such file in the repository at this commit.",
    };
    view! {
        <section class="mx-auto max-w-2xl space-y-4 py-8" data-file-state="missing">
            <div>
                <h1 class="text-xl font-semibold">"File not found"</h1>
                <p class="mt-1 break-all font-mono text-sm text-slate-500 dark:text-slate-400">{path}</p>
            </div>
            <p class="text-sm">{message}</p>
            {match suggestions.is_empty() {
                true => {
                    view! {
                        <A href="/files" attr:class="text-sm text-sky-700 underline dark:text-sky-300">
                            "Browse all files"
                        </A>
                    }
                        .into_any()
                }
                false => {
                    view! {
                        <div>
                            <h2 class="text-sm font-semibold">"Files nearby"</h2>
                            <ul class="mt-2 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                                {suggestions
                                    .into_iter()
                                    .map(|file| {
                                        view! {
                                            <li>
                                                <A
                                                    href=links::file(&file)
                                                    attr:class="block break-all px-3 py-2 font-mono text-sm text-sky-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300 dark:hover:bg-slate-800"
                                                >
                                                    {file}
                                                </A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Up to ten files near `path`: in its folder, else with its name elsewhere, else under
/// its first folder, else at the top level.
fn nearby(files: &FileSet, path: &str) -> Vec<String> {
    let folder = path.rsplit_once('/').map_or("", |(folder, _)| folder);
    let name = path.rsplit('/').next().unwrap_or(path);
    let top = path.split('/').next().unwrap_or(path);
    let in_folder = |file: &&str| file.rsplit_once('/').map_or("", |(folder, _)| folder) == folder;
    let same_name = |file: &&str| file.rsplit('/').next() == Some(name);
    let under_top = |file: &&str| file.starts_with(&format!("{top}/"));
    let at_top = |file: &&str| !file.contains('/');
    let tests: [&dyn Fn(&&str) -> bool; 4] = [&in_folder, &same_name, &under_top, &at_top];
    tests
        .iter()
        .map(|test| {
            files.paths().filter(|file| test(file)).take(10).map(str::to_owned).collect::<Vec<_>>()
        })
        .find(|found| !found.is_empty())
        .unwrap_or_default()
}

/// `/files`: every file of the repository with its lint counts and a filter (`?q=`).
#[component]
pub fn FilesPage() -> impl IntoView {
    let studio = use_studio();
    let (filter, set_filter) = use_query_filter("/files");
    let listed = Memo::new(move |_| {
        let needle = filter.get().to_lowercase();
        let mut paths: Vec<(String, bool)> = studio.files.with(|files| {
            files
                .paths()
                .filter(|path| path.to_lowercase().contains(&needle))
                .map(|path| (path.to_owned(), false))
                .collect()
        });
        if let Some(base) = studio.base() {
            paths.extend(
                base.secrets
                    .iter()
                    .filter(|path| path.to_lowercase().contains(&needle))
                    .map(|path| (path.clone(), true)),
            );
        }
        paths
    });
    // Read apart from the list, so the list is not rebuilt each time it changes.
    let nothing_listed = Memo::new(move |_| listed.with(Vec::is_empty));
    view! {
        <section class="space-y-4">
            <SearchHeader
                title="Files"
                description="Every configuration file, with your pending edits applied."
                label="Filter files by path"
                placeholder="Filter by path  ( / )"
                filter
                set_filter
            />
            {move || match studio.load.get() {
                Load::Loading => view! { <Loading what="the files" /> }.into_any(),
                Load::Failed(message) => {
                    view! { <ErrorPanel title="The files could not be loaded" message /> }.into_any()
                }
                Load::Ready(_) if nothing_listed.get() => {
                    view! { <Empty message="No file matches this filter." /> }.into_any()
                }
                Load::Ready(_) => {
                    view! {
                        <ul class="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                            <For each=move || listed.get() key=|(path, _)| path.clone() let:entry>
                                <FileRow studio path=entry.0 secret=entry.1 />
                            </For>
                        </ul>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

#[component]
fn FileRow(studio: Studio, path: String, secret: bool) -> impl IntoView {
    let href = links::file(&path);
    let counted = path.clone();
    let counts = move || {
        studio.sweep.with(|sweep| {
            let found =
                sweep.results.get(&counted).map(|found| found.as_slice()).unwrap_or_default();
            let count = |severity| found.iter().filter(|found| found.severity == severity).count();
            (count(Severity::Error), count(Severity::Warning), count(Severity::Info))
        })
    };
    let edited = path.clone();
    let pending = move || studio.edits.with(|edits| edits.contains_key(&edited));
    let row_key = path.clone();
    view! {
        <li data-file-row=row_key>
            <A
                href=href
                attr:class="flex flex-wrap items-center gap-2 px-3 py-2 text-sm hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 dark:hover:bg-slate-800"
            >
                <span class="min-w-0 flex-1 break-all font-mono">{path}</span>
                <Show when=pending>
                    <span class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100">
                        "edited"
                    </span>
                </Show>
                {match secret {
                    true => {
                        view! {
                            <span class="text-xs text-slate-500 dark:text-slate-400">"secret · never sent"</span>
                        }
                            .into_any()
                    }
                    false => {
                        view! {
                            <span class="flex gap-1 text-xs">
                                {move || {
                                    let (errors, warnings, notes) = counts();
                                    view! {
                                        <Count n=errors label="error" tone="error" />
                                        <Count n=warnings label="warning" tone="warning" />
                                        <Count n=notes label="note" tone="info" />
                                    }
                                }}
                            </span>
                        }
                            .into_any()
                    }
                }}
            </A>
        </li>
    }
}
