//! The Commit dialog: names the change, shows what will be committed, sends it, and says
//! what happened — the branch and commit on success, the reason on refusal. Pending edits
//! survive any failure.

use leptos::prelude::*;
use shared::api::ChangeCreated;

use crate::components::diff::DiffView;
use crate::components::toast::use_toasts;
use crate::studio::{short, use_studio};

#[derive(Debug, Clone)]
enum Outcome {
    Editing,
    Sending,
    Done(ChangeCreated),
    Failed { message: String, conflict: bool },
}

#[component]
pub fn CommitDialog() -> impl IntoView {
    let studio = use_studio();
    let toasts = use_toasts();
    let title = RwSignal::new(String::new());
    let message = RwSignal::new(String::new());
    let outcome = RwSignal::new(Outcome::Editing);

    Effect::new(move |_| {
        if studio.commit_open.get() {
            outcome.set(Outcome::Editing);
            // Untracked: clearing the committed edits must not reset the dialog and hide
            // the branch and commit it just showed.
            title.set(untrack(|| suggested_title(studio.undo_label(), studio.pending_count())));
            message.set(String::new());
        }
    });

    let send = move || {
        let wanted = title.get_untracked().trim().to_owned();
        if wanted.is_empty() || studio.pending_count() == 0 {
            return;
        }
        outcome.set(Outcome::Sending);
        leptos::task::spawn_local(async move {
            match studio.commit(wanted, message.get_untracked()).await {
                Ok(created) => {
                    toasts.success(
                        format!("Committed on branch {}", created.branch),
                        Some((format!("/changes/{}", created.id), "Review the change".to_owned())),
                    );
                    outcome.set(Outcome::Done(created));
                }
                Err(failure) => {
                    let conflict = failure.is_conflict();
                    let message = match conflict {
                        true => format!(
                            "Conflict: the branch moved on and changed the same files. Your edits are still here. {failure}"
                        ),
                        false => format!("Not committed; your edits are still here. {failure}"),
                    };
                    // The open dialog says it in place; a toast would repeat it and stay
                    // over the page after the dialog is closed.
                    if !studio.commit_open.get_untracked() {
                        toasts.error(message.clone());
                    }
                    outcome.set(Outcome::Failed { message, conflict });
                }
            }
        });
    };
    let close = move || studio.commit_open.set(false);

    view! {
        <Show when=move || studio.commit_open.get()>
            <div
                class="fixed inset-0 z-40 flex items-end justify-center bg-slate-950/50 sm:items-center"
                on:keydown=move |event| {
                    if event.key() == "Escape" {
                        close();
                    }
                }
            >
                <div
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="commit-title"
                    class="flex max-h-[90vh] w-full max-w-2xl flex-col gap-4 overflow-y-auto rounded-t-2xl bg-white p-5 shadow-xl sm:rounded-2xl dark:bg-slate-900"
                >
                    <h2 id="commit-title" class="text-lg font-semibold">
                        "Commit pending edits"
                    </h2>
                    {move || match outcome.get() {
                        Outcome::Done(created) => view! { <Committed created /> }.into_any(),
                        other => {
                            let sending = matches!(other, Outcome::Sending);
                            let failure = match other {
                                Outcome::Failed { message, conflict } => Some((message, conflict)),
                                _ => None,
                            };
                            view! {
                                <form
                                    class="flex flex-col gap-4"
                                    on:submit=move |event| {
                                        event.prevent_default();
                                        send();
                                    }
                                >
                                    <label class="flex flex-col gap-1 text-sm">
                                        <span class="font-medium">"Title"</span>
                                        <input
                                            name="title"
                                            required
                                            autofocus
                                            class="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
                                            prop:value=move || title.get()
                                            on:input=move |event| title.set(event_target_value(&event))
                                        />
                                    </label>
                                    <label class="flex flex-col gap-1 text-sm">
                                        <span class="font-medium">"Message (optional)"</span>
                                        <textarea
                                            name="message"
                                            rows="3"
                                            class="rounded-md border border-slate-300 bg-white px-3 py-2 dark:border-slate-700 dark:bg-slate-950"
                                            prop:value=move || message.get()
                                            on:input=move |event| message.set(event_target_value(&event))
                                        ></textarea>
                                    </label>
                                    <details class="text-sm">
                                        <summary class="cursor-pointer">
                                            {move || format!("{} files changed", studio.pending_count())}
                                        </summary>
                                        <div class="mt-2">
                                            <DiffView diff=Signal::derive(move || studio.diff()) empty="Nothing to commit." />
                                        </div>
                                    </details>
                                    {failure
                                        .map(|(message, conflict)| {
                                            view! {
                                                <p
                                                    role="alert"
                                                    data-commit-error=if conflict { "conflict" } else { "error" }
                                                    class="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                                                >
                                                    {message}
                                                </p>
                                            }
                                        })}
                                    <div class="flex justify-end gap-2">
                                        <button
                                            type="button"
                                            class="rounded-md px-3 py-2 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
                                            on:click=move |_| close()
                                        >
                                            "Cancel"
                                        </button>
                                        <button
                                            type="submit"
                                            disabled=move || sending || studio.pending_count() == 0
                                            class="rounded-md bg-sky-600 px-4 py-2 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50"
                                        >
                                            {if sending { "Committing…" } else { "Commit" }}
                                        </button>
                                    </div>
                                </form>
                            }
                                .into_any()
                        }
                    }}
                </div>
            </div>
        </Show>
    }
}

#[component]
fn Committed(created: ChangeCreated) -> impl IntoView {
    let studio = use_studio();
    let href = format!("/changes/{}", created.id);
    view! {
        <div class="flex flex-col gap-3 text-sm" data-committed="">
            <p>"Committed. Nothing was merged yet: review the change, then merge it."</p>
            <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
                <dt class="text-slate-500">"Branch"</dt>
                <dd class="font-mono break-all" data-branch>{created.branch.clone()}</dd>
                <dt class="text-slate-500">"Commit"</dt>
                <dd class="font-mono" data-commit=created.commit.clone()>{short(&created.commit)}</dd>
                <dt class="text-slate-500">"Files"</dt>
                <dd class="font-mono break-all">{created.files_changed.join(", ")}</dd>
            </dl>
            <div class="flex justify-end gap-2">
                <button
                    type="button"
                    class="rounded-md px-3 py-2 hover:bg-slate-100 dark:hover:bg-slate-800"
                    on:click=move |_| studio.commit_open.set(false)
                >
                    "Close"
                </button>
                <a
                    href=href
                    class="rounded-md bg-sky-600 px-4 py-2 font-medium text-white hover:bg-sky-700"
                    on:click=move |_| studio.commit_open.set(false)
                >
                    "Open the change"
                </a>
            </div>
        </div>
    }
}

/// The last step's label when there is one step's worth of edits, else a count.
fn suggested_title(last_step: Option<String>, files: usize) -> String {
    match last_step {
        Some(label) if !label.starts_with("discard") => label,
        _ => format!("Edit {files} file{}", if files == 1 { "" } else { "s" }),
    }
}
