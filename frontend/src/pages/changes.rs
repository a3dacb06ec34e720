//! `/changes` and `/changes/{id}`: the changes committed from the studio, each on its own
//! branch, with its diff, its merge history and a Merge button. The detail page is the
//! review link people share.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use shared::api::{ChangeDetail, ChangeSummary};

use crate::api;
use crate::components::diff::DiffView;
use crate::components::status::{Empty, ErrorPanel, Loading};
use crate::components::toast::use_toasts;
use crate::studio::{short, use_studio};

#[component]
pub fn ChangesPage() -> impl IntoView {
    let changes = LocalResource::new(api::changes);
    view! {
        <section class="space-y-6">
            <div>
                <h1 class="text-2xl font-semibold tracking-tight">"Changes"</h1>
                <p class="text-sm text-slate-500 dark:text-slate-400">
                    "Everything committed from the studio, newest first. Each change lives on its own branch until it is merged."
                </p>
            </div>
            <Transition fallback=|| view! { <Loading what="the changes" /> }>
                {move || Suspend::new(async move {
                    match changes.await {
                        Ok(list) if list.changes.is_empty() => {
                            view! {
                                <Empty message="No changes yet. Compose a host or edit a file, then commit." />
                            }
                                .into_any()
                        }
                        Ok(list) => {
                            view! {
                                <ul class="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
                                    {list.changes.into_iter().map(|change| view! { <ChangeRow change /> }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                        Err(failure) => {
                            view! {
                                <ErrorPanel title="The changes could not be loaded" message=failure.to_string() />
                            }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ChangeRow(change: ChangeSummary) -> impl IntoView {
    let href = format!("/changes/{}", change.id);
    let files = change.files_changed.len();
    view! {
        <li data-change=change.id>
            <A
                href=href
                attr:class="flex flex-col gap-1 px-4 py-3 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 sm:flex-row sm:items-center sm:gap-4 dark:hover:bg-slate-800"
            >
                <StatusBadge status=change.status.clone() />
                <span class="flex-1 font-medium break-words">{change.title.clone()}</span>
                <span class="text-xs text-slate-500 dark:text-slate-400">
                    {format!(
                        "#{} · {} file{} · {} · {}",
                        change.id,
                        files,
                        if files == 1 { "" } else { "s" },
                        change.author,
                        when(change.created_at_ms),
                    )}
                </span>
            </A>
        </li>
    }
}

#[component]
pub fn ChangePage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|id| id.parse::<i64>().ok()));
    let refresh = RwSignal::new(0_u32);
    let detail = LocalResource::new(move || {
        refresh.track();
        let id = id.get();
        async move {
            match id {
                Some(id) => api::change(id).await.map_err(|failure| failure.to_string()),
                None => Err("This is not a change number.".to_owned()),
            }
        }
    });
    view! {
        <section class="space-y-6">
            <A href="/changes" attr:class="text-sm text-sky-700 underline dark:text-sky-300">
                "← All changes"
            </A>
            <Transition fallback=|| view! { <Loading what="the change" /> }>
                {move || Suspend::new(async move {
                    match detail.await {
                        Ok(detail) => view! { <ChangeView detail refresh /> }.into_any(),
                        Err(message) => {
                            view! { <ErrorPanel title="The change could not be loaded" message /> }
                                .into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn ChangeView(detail: ChangeDetail, refresh: RwSignal<u32>) -> impl IntoView {
    let studio = use_studio();
    let toasts = use_toasts();
    let change = detail.change;
    let id = change.id;
    let merging = RwSignal::new(false);
    let refusal = RwSignal::new(None::<String>);
    let merge = move |_| {
        merging.set(true);
        refusal.set(None);
        leptos::task::spawn_local(async move {
            match api::merge(id).await {
                Ok(done) => {
                    let how = match done.result.as_str() {
                        "fast_forward" => "fast-forward",
                        _ => "merge commit",
                    };
                    toasts.success(
                        format!(
                            "Merged into {} ({how}), now at {}",
                            done.branch,
                            short(&done.commit)
                        ),
                        Some(("/".to_owned(), "See the fleet".to_owned())),
                    );
                    studio.branch_moved(done.commit);
                    refresh.update(|count| *count += 1);
                }
                Err(failure) => {
                    let message = match failure.is_conflict() {
                        true => format!("Not merged: {failure}"),
                        false => format!("The merge failed: {failure}"),
                    };
                    toasts.error(message.clone());
                    refusal.set(Some(message));
                    refresh.update(|count| *count += 1);
                }
            }
            merging.set(false);
        });
    };
    let can_merge = change.status == "open";
    let diff = detail.diff;
    view! {
        <header class="space-y-2">
            <div class="flex flex-wrap items-center gap-3">
                <StatusBadge status=change.status.clone() />
                <h1 class="text-2xl font-semibold tracking-tight break-words">{change.title.clone()}</h1>
            </div>
            {(!change.message.is_empty())
                .then(|| view! { <p class="whitespace-pre-wrap text-sm">{change.message.clone()}</p> })}
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
                <dt class="text-slate-500 dark:text-slate-400">"Change"</dt>
                <dd>{format!("#{} by {} · {}", change.id, change.author, when(change.created_at_ms))}</dd>
                <dt class="text-slate-500 dark:text-slate-400">"Branch"</dt>
                <dd class="font-mono break-all" data-branch>{change.branch.clone().unwrap_or_else(|| "—".to_owned())}</dd>
                <dt class="text-slate-500 dark:text-slate-400">"Commit"</dt>
                <dd class="font-mono">{change.commit.as_deref().map(short).unwrap_or_else(|| "—".to_owned())}</dd>
                <dt class="text-slate-500 dark:text-slate-400">"Based on"</dt>
                <dd class="font-mono break-all">{format!("{} at {}", change.base_branch, short(&change.base_commit))}</dd>
                <dt class="text-slate-500 dark:text-slate-400">"Files"</dt>
                <dd class="font-mono break-all">{change.files_changed.join(", ")}</dd>
            </dl>
            {change.error.map(|error| view! { <ErrorPanel title="This change failed" message=error /> })}
        </header>
        <div class="flex flex-wrap items-center gap-3">
            {can_merge
                .then(|| {
                    view! {
                        <button
                            type="button"
                            data-action="merge"
                            class="rounded-md bg-emerald-600 px-4 py-2 text-sm font-medium text-white hover:bg-emerald-700 disabled:opacity-50"
                            disabled=move || merging.get()
                            on:click=merge
                        >
                            {move || if merging.get() { "Merging…" } else { "Merge" }}
                        </button>
                    }
                })}
            {move || {
                refusal
                    .get()
                    .map(|message| {
                        view! {
                            <p role="alert" data-merge-result="refused" class="text-sm text-red-700 dark:text-red-300">
                                {message}
                            </p>
                        }
                    })
            }}
        </div>
        <MergeHistory merges=detail.merges />
        <section class="space-y-2">
            <h2 class="text-lg font-semibold">"Diff"</h2>
            <DiffView diff=Signal::stored(diff) empty="This change has no diff." />
        </section>
    }
}

#[component]
fn MergeHistory(merges: Vec<shared::api::MergeRecord>) -> impl IntoView {
    (!merges.is_empty()).then(|| {
        view! {
            <section class="space-y-2">
                <h2 class="text-lg font-semibold">"Merge attempts"</h2>
                <ul class="space-y-1 text-sm">
                    {merges
                        .into_iter()
                        .map(|record| {
                            let what = match record.result.as_str() {
                                "fast_forward" => "fast-forwarded".to_owned(),
                                "merge_commit" => "merged with a merge commit".to_owned(),
                                other => other.replace('_', " "),
                            };
                            let commit = record.commit.as_deref().map(short).unwrap_or_default();
                            view! {
                                <li data-merge-result=record.result>
                                    {format!("{} · {} {what} {commit}", when(record.at_ms), record.author)}
                                    {(!record.detail.is_empty())
                                        .then(|| view! { <span class="text-slate-500 dark:text-slate-400">{format!(" — {}", record.detail)}</span> })}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}

#[component]
fn StatusBadge(status: String) -> impl IntoView {
    let colours = match status.as_str() {
        "merged" => "bg-violet-100 text-violet-900 dark:bg-violet-900 dark:text-violet-100",
        "open" => "bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100",
        "failed" => "bg-red-100 text-red-900 dark:bg-red-900 dark:text-red-100",
        _ => "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
    };
    let label = status.clone();
    view! {
        <span class=format!("w-fit rounded-full px-2 py-0.5 text-xs font-medium {colours}") data-status=status>
            {label}
        </span>
    }
}

/// A time as the browser's locale shows it.
fn when(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}
