//! The frame around every page: header with navigation and theme, the banner about the
//! loaded commit, the pending-edits bar with undo/redo and Commit, the commit dialog and
//! the toasts. Keyboard shortcuts: `/` focuses the page's search, Ctrl/⌘+Enter opens the
//! commit dialog, Ctrl/⌘+Z and Ctrl/⌘+Shift+Z (or Ctrl+Y) undo and redo.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::browser::{self, Theme};
use crate::components::commit::CommitDialog;
use crate::components::toast::{ToastHost, Toasts};
use crate::studio::{Load, Studio, short};

const NAV_LINK: &str = "rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white";

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let toasts = Toasts::provide();
    let studio = Studio::provide();
    let theme = RwSignal::new(Theme::stored());
    Effect::new(move |_| theme.get().apply());
    browser::on_keydown(move |event| shortcut(studio, &event));

    view! {
        <div class="flex min-h-screen flex-col">
            <header class="sticky top-0 z-20 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
                <nav
                    class="mx-auto flex max-w-7xl flex-wrap items-center gap-x-3 gap-y-1 px-4 py-2"
                    aria-label="Main"
                >
                    <A href="/" attr:class="mr-2 flex items-center gap-2 font-semibold tracking-tight">
                        <img src="/favicon.svg" alt="" class="h-7 w-7" />
                        <span>"nixstudio"</span>
                    </A>
                    <A href="/" exact=true attr:class=NAV_LINK>
                        "Fleet"
                    </A>
                    <A href="/files" attr:class=NAV_LINK>
                        "Files"
                    </A>
                    <A href="/lint" attr:class=NAV_LINK>
                        "Lint"
                    </A>
                    <A href="/changes" attr:class=NAV_LINK>
                        "Changes"
                    </A>
                    <button
                        type="button"
                        class="ml-auto rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
                        title="Switch colour theme"
                        on:click=move |_| theme.update(|theme| *theme = theme.next())
                    >
                        {move || theme.get().label()}
                    </button>
                </nav>
                <PendingBar studio />
            </header>
            <LoadBanner studio />
            <main class="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children()}</main>
        </div>
        <CommitDialog />
        <ToastHost toasts />
    }
}

/// Says when the studio shows an older commit than the branch head, or could not load.
#[component]
fn LoadBanner(studio: Studio) -> impl IntoView {
    view! {
        {move || match studio.load.get() {
            Load::Failed(message) => {
                view! {
                    <div
                        role="alert"
                        class="mx-auto mt-4 w-full max-w-7xl rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                    >
                        <p>{message}</p>
                        <div class="mt-2 flex gap-2">
                            <button
                                type="button"
                                class="rounded-md border border-current px-2 py-1"
                                on:click=move |_| studio.reload()
                            >
                                "Retry"
                            </button>
                        </div>
                    </div>
                }
                    .into_any()
            }
            Load::Ready(base) if studio.is_behind() => {
                let pending = studio.pending_count();
                view! {
                    <div
                        role="status"
                        data-banner="behind"
                        class="mx-auto mt-4 w-full max-w-7xl rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
                    >
                        {match pending {
                            0 => format!(
                                "The branch moved on since commit {} was loaded.",
                                short(&base.commit),
                            ),
                            count => format!(
                                "Your {count} pending edit(s) are based on commit {}; the branch has moved on. Committing checks for conflicts.",
                                short(&base.commit),
                            ),
                        }}
                        {(pending == 0)
                            .then(|| {
                                view! {
                                    <button
                                        type="button"
                                        class="ml-2 underline"
                                        on:click=move |_| studio.reload()
                                    >
                                        "Load the latest"
                                    </button>
                                }
                            })}
                    </div>
                }
                    .into_any()
            }
            _ => ().into_any(),
        }}
    }
}

/// Pending edits at a glance, on every page: count, undo, redo, discard, commit.
#[component]
fn PendingBar(studio: Studio) -> impl IntoView {
    let button = "rounded-md px-2 py-1 text-sm hover:bg-amber-100 disabled:opacity-40 dark:hover:bg-amber-900";
    view! {
        <Show when=move || { studio.pending_count() != 0 || studio.can_redo() }>
            <div
                class="border-t border-amber-200 bg-amber-50 dark:border-amber-900 dark:bg-amber-950"
                data-pending=move || studio.pending_count()
            >
                <div class="mx-auto flex max-w-7xl flex-wrap items-center gap-2 px-4 py-1.5 text-sm text-amber-950 dark:text-amber-100">
                    <span class="font-medium">
                        {move || match studio.pending_count() {
                            1 => "1 file with pending edits".to_owned(),
                            count => format!("{count} files with pending edits"),
                        }}
                    </span>
                    <span class="hidden truncate font-mono text-xs opacity-70 md:inline">
                        {move || studio.pending_paths().join(", ")}
                    </span>
                    <div class="ml-auto flex items-center gap-1">
                        <button
                            type="button"
                            class=button
                            disabled=move || !studio.can_undo()
                            title=move || {
                                studio
                                    .undo_label()
                                    .map(|label| format!("Undo {label} (Ctrl+Z)"))
                                    .unwrap_or_default()
                            }
                            on:click=move |_| studio.undo()
                        >
                            "Undo"
                        </button>
                        <button
                            type="button"
                            class=button
                            disabled=move || !studio.can_redo()
                            title="Redo (Ctrl+Shift+Z)"
                            on:click=move |_| studio.redo()
                        >
                            "Redo"
                        </button>
                        <button
                            type="button"
                            class=button
                            disabled=move || studio.pending_count() == 0
                            on:click=move |_| studio.discard()
                        >
                            "Discard"
                        </button>
                        <button
                            type="button"
                            data-action="open-commit"
                            class="rounded-md bg-sky-600 px-3 py-1 text-sm font-medium text-white hover:bg-sky-700 disabled:opacity-50"
                            title="Commit (Ctrl+Enter)"
                            disabled=move || studio.pending_count() == 0
                            on:click=move |_| studio.commit_open.set(true)
                        >
                            "Commit…"
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

fn shortcut(studio: Studio, event: &web_sys::KeyboardEvent) {
    let command = event.ctrl_key() || event.meta_key();
    let key = event.key();
    if command && key == "Enter" {
        if studio.pending_count() > 0 {
            event.prevent_default();
            studio.commit_open.set(true);
        }
        return;
    }
    if browser::typing_in_field(event) {
        return;
    }
    match (command, event.shift_key(), key.as_str()) {
        (false, _, "/") => {
            event.prevent_default();
            browser::focus("[data-search]");
        }
        (true, false, "z") => {
            event.prevent_default();
            studio.undo();
        }
        (true, true, "z" | "Z") | (true, false, "y") => {
            event.prevent_default();
            studio.redo();
        }
        _ => {}
    }
}
