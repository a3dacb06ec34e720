//! The head of a list page: its title, one line on what it shows, and a search box whose
//! text lives in the URL (`?q=`), so a filtered view can be bookmarked and shared. The
//! shell focuses the box on `/`.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::links;

/// The `?q=` filter of the page at `path`: its value, and a setter that rewrites the URL
/// in place (no history entry per keystroke).
pub fn use_query_filter(path: &'static str) -> (Memo<String>, Callback<String>) {
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let navigate = use_navigate();
    let set_filter = Callback::new(move |value: String| {
        let target = match value.is_empty() {
            true => path.to_owned(),
            false => format!("{path}?q={}", links::encode(&value)),
        };
        navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
    });
    (filter, set_filter)
}

#[component]
pub fn SearchHeader(
    title: &'static str,
    description: &'static str,
    /// What the search box filters, for screen readers.
    label: &'static str,
    placeholder: &'static str,
    filter: Memo<String>,
    set_filter: Callback<String>,
) -> impl IntoView {
    view! {
        <div class="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
            <div>
                <h1 class="text-2xl font-semibold tracking-tight">{title}</h1>
                <p class="text-sm text-slate-500 dark:text-slate-400">{description}</p>
            </div>
            <SearchBox label placeholder value=filter on_input=set_filter />
        </div>
    }
}

/// A page's search box, the one the shell focuses on `/`.
#[component]
pub fn SearchBox(
    /// What the box filters, for screen readers.
    label: &'static str,
    placeholder: &'static str,
    #[prop(into)] value: Signal<String>,
    on_input: Callback<String>,
) -> impl IntoView {
    view! {
        <label class="block w-full sm:w-80">
            <span class="sr-only">{label}</span>
            <input
                type="search"
                data-search
                placeholder=placeholder
                class="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/40 dark:border-slate-700 dark:bg-slate-900"
                prop:value=move || value.get()
                on:input=move |event| on_input.run(event_target_value(&event))
            />
        </label>
    }
}
