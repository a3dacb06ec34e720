//! The Composer's change pane: the live unified diff of every pending edit, what the last
//! edit changed beyond the request, and the lint findings of each changed file, with the
//! Commit button. A sticky right column on wide screens; on phones a bottom sheet that
//! opens and closes (Escape closes it), so the toggles keep the screen.
//!
//! It shows all pending edits, not only this host's: that is exactly what Commit… sends.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::lint::Severity;
use shared::text::LineIndex;

use crate::components::composer_edit::HostEditor;
use crate::components::diff::DiffView;
use crate::components::toggles::aria_bool;
use crate::links;
use crate::studio::Studio;

#[component]
pub fn ChangePane(editor: HostEditor) -> impl IntoView {
    let studio = editor.studio;
    let open = RwSignal::new(false);
    let pending = Memo::new(move |_| studio.pending_paths());
    let finding_count = Memo::new(move |_| {
        pending.with(|paths| paths.iter().map(|path| studio.diagnostics(path).len()).sum::<usize>())
    });
    let summary = move || {
        let files = pending.with(Vec::len);
        let findings = finding_count.get();
        match files {
            0 => "no pending edits".to_owned(),
            _ => format!("{files} file{} · {findings} finding{}", plural(files), plural(findings)),
        }
    };
    let notes = Memo::new(move |_| editor.current_notes());

    view! {
        <aside
            aria-label="Pending changes"
            data-pane="changes"
            on:keydown=move |event| {
                if event.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                }
            }
            class="fixed inset-x-0 bottom-0 z-30 flex max-h-[75vh] flex-col rounded-t-2xl border-t border-slate-200 bg-white shadow-[0_-8px_30px_rgba(15,23,42,0.15)] lg:sticky lg:inset-x-auto lg:top-28 lg:bottom-auto lg:z-auto lg:max-h-[calc(100vh-8.5rem)] lg:rounded-xl lg:border lg:shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
            <button
                type="button"
                class="flex w-full items-center gap-3 rounded-t-2xl px-4 py-3 text-left focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 lg:hidden"
                aria-expanded=move || aria_bool(open.get())
                aria-controls="change-pane-body"
                data-action="toggle-pane"
                on:click=move |_| open.update(|open| *open = !*open)
            >
                <span class="font-semibold">"Changes"</span>
                <span class="truncate text-sm text-slate-500 dark:text-slate-400">{summary}</span>
                <span
                    aria-hidden="true"
                    class=move || {
                        format!(
                            "ml-auto text-slate-400 transition-transform {}",
                            if open.get() { "rotate-180" } else { "" },
                        )
                    }
                >
                    "▲"
                </span>
            </button>
            <div class="hidden items-baseline justify-between gap-3 px-4 pt-4 lg:flex">
                <h2 class="text-base font-semibold">"Pending changes"</h2>
                <span class="text-xs text-slate-500 dark:text-slate-400">{summary}</span>
            </div>
            <div
                id="change-pane-body"
                class=move || {
                    format!(
                        "{} min-h-0 flex-1 space-y-4 overflow-y-auto border-t border-slate-100 px-4 pt-3 pb-4 lg:block lg:border-t-0 dark:border-slate-800",
                        if open.get() { "block" } else { "hidden" },
                    )
                }
            >
                <p class="text-xs text-slate-500 dark:text-slate-400">
                    "Every pending edit in the repository, on any host: exactly what Commit… commits."
                </p>
                <Show when=move || notes.with(|notes| !notes.is_empty())>
                    <div
                        class="rounded-lg border border-sky-200 bg-sky-50 p-3 text-sm text-sky-950 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-100"
                        data-notes
                    >
                        <p class="font-medium">"Also changed:"</p>
                        <ul class="mt-1 list-disc space-y-0.5 pl-5">
                            {move || {
                                notes
                                    .get()
                                    .into_iter()
                                    .map(|note| view! { <li class="break-words">{note}</li> })
                                    .collect_view()
                            }}
                        </ul>
                    </div>
                </Show>
                <section data-pane="diff" aria-labelledby="pane-diff-title" class="space-y-2">
                    <h3 id="pane-diff-title" class="text-sm font-semibold">
                        "Diff"
                    </h3>
                    <DiffView
                        diff=Signal::derive(move || studio.diff())
                        empty="No pending edits yet: flip a toggle and its diff shows here."
                    />
                </section>
                <section data-pane="lint" aria-labelledby="pane-lint-title" class="space-y-2">
                    <h3 id="pane-lint-title" class="text-sm font-semibold">
                        "Lint of the changed files"
                    </h3>
                    <Show
                        when=move || pending.with(|paths| !paths.is_empty())
                        fallback=|| {
                            view! {
                                <p class="text-sm text-slate-500 dark:text-slate-400" data-lint="empty">
                                    "Nothing changed, nothing to lint."
                                </p>
                            }
                        }
                    >
                        <ul class="space-y-3">
                            <For each=move || pending.get() key=|path| path.clone() let:path>
                                <LintedFile studio path />
                            </For>
                        </ul>
                    </Show>
                </section>
                <button
                    type="button"
                    data-action="pane-commit"
                    class="w-full rounded-md bg-sky-600 px-4 py-2 text-sm font-medium text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:opacity-50 dark:focus-visible:ring-offset-slate-900"
                    title="Commit (Ctrl+Enter)"
                    disabled=move || pending.with(Vec::is_empty)
                    on:click=move |_| studio.commit_open.set(true)
                >
                    "Commit…"
                </button>
            </div>
        </aside>
    }
}

/// One lint finding, positioned for people (1-based line).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    code: &'static str,
    severity: Severity,
    message: String,
    line: u32,
}

/// The findings of one changed file as it is now, with links to the File editor.
#[component]
fn LintedFile(studio: Studio, path: String) -> impl IntoView {
    let findings = Memo::new({
        let path = path.clone();
        move |_| {
            let diagnostics = studio.diagnostics(&path);
            studio.files.with(|files| {
                files.get(&path).map(|text| {
                    let index = LineIndex::new(text);
                    diagnostics
                        .iter()
                        .map(|diagnostic| Finding {
                            code: diagnostic.rule.code(),
                            severity: diagnostic.severity,
                            message: diagnostic.message.clone(),
                            line: index.line_col(text, diagnostic.range.start).line,
                        })
                        .collect::<Vec<_>>()
                })
            })
        }
    });
    let href_path = path.clone();
    view! {
        <li data-lint-file=path class="space-y-1">
            <p class="flex items-baseline gap-2 text-xs">
                <span class="min-w-0 break-all font-mono font-medium">{path.clone()}</span>
                <span class="ml-auto shrink-0 text-slate-500 dark:text-slate-400">
                    {move || match findings.get() {
                        None => "deleted".to_owned(),
                        Some(found) => {
                            format!("{} finding{}", found.len(), plural(found.len()))
                        }
                    }}
                </span>
            </p>
            {move || {
                let path = href_path.clone();
                match findings.get() {
                    None => ().into_any(),
                    Some(found) if found.is_empty() => {
                        view! {
                            <p class="text-xs text-emerald-700 dark:text-emerald-300" data-lint="clean">
                                "No findings."
                            </p>
                        }
                            .into_any()
                    }
                    Some(found) => {
                        view! {
                            <ul class="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
                                {found
                                    .into_iter()
                                    .map(|finding| finding_view(&path, finding))
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }
            }}
        </li>
    }
}

fn finding_view(path: &str, finding: Finding) -> impl IntoView + use<> {
    let colours = match finding.severity {
        Severity::Error => "bg-red-100 text-red-800 dark:bg-red-900/70 dark:text-red-100",
        Severity::Warning => "bg-amber-100 text-amber-900 dark:bg-amber-900/70 dark:text-amber-100",
        Severity::Info => "bg-sky-100 text-sky-900 dark:bg-sky-900/70 dark:text-sky-100",
    };
    view! {
        <li class="space-y-0.5 px-3 py-2 text-xs" data-finding=finding.code data-severity=finding.severity.as_str()>
            <div class="flex flex-wrap items-center gap-2">
                <span class=format!("rounded px-1.5 py-0.5 font-medium {colours}")>
                    {finding.severity.as_str()}
                </span>
                <code class="font-mono">{finding.code}</code>
                <A
                    href=links::file_at(path, finding.line)
                    attr:class="ml-auto text-sky-700 underline decoration-sky-700/30 hover:decoration-sky-700 dark:text-sky-300"
                >
                    {format!("line {}", finding.line)}
                </A>
            </div>
            <p class="break-words text-slate-700 dark:text-slate-300">{finding.message}</p>
        </li>
    }
}

fn plural(count: usize) -> &'static str {
    match count {
        1 => "",
        _ => "s",
    }
}
