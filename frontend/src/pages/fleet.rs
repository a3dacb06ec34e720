//! `/`: every host of the fleet as a card — template, hardware profile, toggles on, lint
//! findings in the files it imports, pending local edits — with a fleet-wide lint summary.
//! The filter (name, template or profile) lives in the URL (`?q=`). Everything is
//! computed in the browser from the snapshot.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::components::A;
use shared::fleet::{Fleet, Host, Value};
use shared::lint::Severity;

use crate::components::page_header::{SearchHeader, use_query_filter};
use crate::components::status::{Empty, ErrorPanel, Loading};
use crate::links;
use crate::studio::{Load, Studio, Sweep, short, use_studio};

#[component]
pub fn FleetPage() -> impl IntoView {
    let studio = use_studio();
    let (filter, set_filter) = use_query_filter("/");

    view! {
        <section class="space-y-6">
            <SearchHeader
                title="Fleet"
                description="Every host of the repository, with your pending edits applied."
                label="Filter hosts by name, template or profile"
                placeholder="Filter by name, template, profile  ( / )"
                filter
                set_filter
            />
            {move || match studio.load.get() {
                Load::Loading => view! { <Loading what="the fleet" /> }.into_any(),
                Load::Failed(message) => {
                    view! { <ErrorPanel title="The fleet could not be loaded" message /> }.into_any()
                }
                Load::Ready(base) => {
                    view! {
                        <p class="text-xs text-slate-500 dark:text-slate-400" data-commit=base.commit.clone()>
                            {format!(
                                "branch {} · commit {}",
                                base.branch.clone().unwrap_or_else(|| "(detached)".to_owned()),
                                short(&base.commit),
                            )}
                        </p>
                        <LintSummary studio />
                        <HostGrid studio filter />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

/// Milliseconds to the nearest whole one: formatting an integer keeps Rust's float
/// formatting code out of the web app.
fn whole_ms(ms: f64) -> u64 {
    ms.round() as u64
}

/// Fleet-wide lint counts, with progress while the sweep runs.
#[component]
fn LintSummary(studio: Studio) -> impl IntoView {
    view! {
        <div
            class="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-lint-summary
            data-sweep-ms=move || studio.sweep.with(|sweep| sweep.elapsed_ms.map(whole_ms))
        >
            {move || {
                studio
                    .sweep
                    .with(|sweep| {
                        let (errors, warnings, infos) = totals(sweep, None);
                        let files = sweep.results.values().filter(|found| !found.is_empty()).count();
                        let progress = match sweep.is_complete() {
                            true => String::new(),
                            false => format!(" (linting {}/{})", sweep.done, sweep.total),
                        };
                        view! {
                            <span class="font-medium">{format!("Lint{progress}")}</span>
                            <Count n=errors label="error" tone="error" />
                            <Count n=warnings label="warning" tone="warning" />
                            <Count n=infos label="note" tone="info" />
                            <span class="text-slate-500 dark:text-slate-400">
                                {format!("in {files} of {} files", sweep.total)}
                                {sweep.elapsed_ms.map(|ms| format!(", linted in {} ms", whole_ms(ms)))}
                            </span>
                            <A href="/lint" attr:class="ml-auto text-sky-700 underline dark:text-sky-300">
                                "All findings"
                            </A>
                        }
                    })
            }}
        </div>
    }
}

#[component]
fn HostGrid(studio: Studio, filter: Memo<String>) -> impl IntoView {
    let visible = Memo::new(move |_| {
        let needle = filter.get().to_lowercase();
        studio.fleet.with(|fleet| {
            fleet
                .hosts
                .iter()
                .filter(|host| needle.is_empty() || matches(host, &needle))
                .map(|host| host.name.clone())
                .collect::<Vec<_>>()
        })
    });
    view! {
        {move || {
            studio
                .fleet
                .with(|fleet| {
                    (!fleet.problems.is_empty())
                        .then(|| {
                            let text = fleet
                                .problems
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join("\n");
                            view! {
                                <details class="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
                                    <summary class="cursor-pointer">
                                        {format!(
                                            "{} things in the repository could not be read statically",
                                            fleet.problems.len(),
                                        )}
                                    </summary>
                                    <pre class="mt-2 whitespace-pre-wrap font-mono text-xs">{text}</pre>
                                </details>
                            }
                        })
                })
        }}
        {move || {
            let names = visible.get();
            if names.is_empty() {
                let message = match studio.fleet.with(|fleet| fleet.hosts.is_empty()) {
                    true => "No hosts found: nixstudio looks for nixosConfigurations in flake.nix and for hosts/<name>/ folders.",
                    false => "No host matches this filter.",
                };
                return view! { <Empty message /> }.into_any();
            }
            view! {
                <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Hosts">
                    <For each=move || visible.get() key=|name| name.clone() let:name>
                        <HostCard studio name />
                    </For>
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn HostCard(studio: Studio, name: String) -> impl IntoView {
    let href = links::host(&name);
    let data_host = name.clone();
    let card = Memo::new(move |_| studio.fleet.with(|fleet| CardFacts::of(fleet, &name)));
    let lint = move || {
        let files = card.with(|card| card.files());
        studio.sweep.with(|sweep| totals(sweep, Some(&files)))
    };
    let pending = move || {
        let files = card.with(|card| card.files());
        studio.edits.with(|edits| files.iter().filter(|file| edits.contains_key(*file)).count())
    };
    view! {
        <li data-host=data_host>
            <A
                href=href
                attr:class="block h-full rounded-xl border border-slate-200 bg-white p-4 shadow-sm transition hover:border-sky-400 hover:shadow focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:border-slate-800 dark:bg-slate-900 dark:hover:border-sky-600"
            >
                <div class="flex items-start justify-between gap-2">
                    <h2 class="text-lg font-semibold">{move || card.with(|card| card.name.clone())}</h2>
                    {move || {
                        let count = pending();
                        (count > 0)
                            .then(|| {
                                view! {
                                    <span
                                        class="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900 dark:text-amber-100"
                                        data-host-pending=count
                                    >
                                        {format!("{count} pending")}
                                    </span>
                                }
                            })
                    }}
                </div>
                <p class="mt-1 truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                    {move || card.with(|card| card.entry.clone())}
                </p>
                <dl class="mt-3 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                    <dt class="text-slate-500 dark:text-slate-400">"Template"</dt>
                    <dd data-field="template">{move || card.with(|card| card.template.clone())}</dd>
                    <dt class="text-slate-500 dark:text-slate-400">"Hardware"</dt>
                    <dd data-field="profile">{move || card.with(|card| card.profile.clone())}</dd>
                    <dt class="text-slate-500 dark:text-slate-400">"Toggles on"</dt>
                    <dd data-field="toggles-on">{move || card.with(|card| card.toggles_on)}</dd>
                </dl>
                <div class="mt-3 flex flex-wrap gap-2 text-xs">
                    {move || {
                        let (errors, warnings, infos) = lint();
                        view! {
                            <Count n=errors label="error" tone="error" />
                            <Count n=warnings label="warning" tone="warning" />
                            <Count n=infos label="note" tone="info" />
                        }
                    }}
                </div>
            </A>
        </li>
    }
}

/// What a host card shows, read from the fleet once per change of the fleet.
#[derive(Debug, Clone, PartialEq)]
struct CardFacts {
    name: String,
    entry: String,
    template: String,
    profile: String,
    toggles_on: usize,
    imports: Arc<[String]>,
}

impl CardFacts {
    fn of(fleet: &Fleet, name: &str) -> CardFacts {
        let Some(host) = fleet.host(name) else {
            return CardFacts {
                name: name.to_owned(),
                entry: String::new(),
                template: "—".to_owned(),
                profile: "—".to_owned(),
                toggles_on: 0,
                imports: Arc::default(),
            };
        };
        CardFacts {
            name: host.name.clone(),
            entry: host.entry.clone(),
            template: host
                .template
                .as_ref()
                .map_or_else(|| "none".to_owned(), |used| used.name.clone()),
            profile: host.hardware_profile.clone().unwrap_or_else(|| "none".to_owned()),
            toggles_on: toggles_on(fleet, host),
            imports: Arc::clone(&host.imports),
        }
    }

    /// The files the host's modules are in, each once: its imports, unless some are
    /// modules written inline in a file.
    fn files(&self) -> Arc<[String]> {
        let is_file = |module: &String| shared::fleet::module_file(module) == module;
        if self.imports.iter().all(is_file) {
            return Arc::clone(&self.imports);
        }
        let files: std::collections::BTreeSet<&str> =
            self.imports.iter().map(|module| shared::fleet::module_file(module)).collect();
        files.into_iter().map(ToOwned::to_owned).collect()
    }
}

/// Bool toggles the host has on, by its own setting or by default (as the Composer counts).
fn toggles_on(fleet: &Fleet, host: &Host) -> usize {
    fleet.toggles().filter(|option| host.value(option) == Some(&Value::Bool(true))).count()
}

fn matches(host: &Host, needle: &str) -> bool {
    host.name.to_lowercase().contains(needle)
        || host.template.as_ref().is_some_and(|used| used.name.to_lowercase().contains(needle))
        || host
            .hardware_profile
            .as_ref()
            .is_some_and(|profile| profile.to_lowercase().contains(needle))
}

/// Errors, warnings and notes over the given files, or over every file.
fn totals(sweep: &Sweep, files: Option<&[String]>) -> (usize, usize, usize) {
    let mut counts = (0, 0, 0);
    let mut count = |diagnostics: &[shared::lint::Diagnostic]| {
        for diagnostic in diagnostics {
            match diagnostic.severity {
                Severity::Error => counts.0 += 1,
                Severity::Warning => counts.1 += 1,
                Severity::Info => counts.2 += 1,
            }
        }
    };
    let all: Vec<&Vec<shared::lint::Diagnostic>> = match files {
        Some(files) => {
            files.iter().filter_map(|file| sweep.results.get(file)).map(|found| &**found).collect()
        }
        None => sweep.results.values().map(|found| &**found).collect(),
    };
    for found in all {
        count(found);
    }
    counts
}

/// A small count badge ("1 error", "3 warnings"); `tone` is `error`, `warning` or `info`.
#[component]
pub fn Count(n: usize, label: &'static str, tone: &'static str) -> impl IntoView {
    let colours = match (tone, n) {
        (_, 0) => "bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400",
        ("error", _) => "bg-red-100 text-red-800 dark:bg-red-900 dark:text-red-100",
        ("warning", _) => "bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100",
        _ => "bg-sky-100 text-sky-900 dark:bg-sky-900 dark:text-sky-100",
    };
    view! {
        <span class=format!("rounded-full px-2 py-0.5 {colours}") data-count=tone>
            {format!("{n} {label}{}", if n == 1 { "" } else { "s" })}
        </span>
    }
}
