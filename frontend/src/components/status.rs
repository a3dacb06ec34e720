//! Loading, error and empty states, so no page is ever just blank.

use leptos::prelude::*;

#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! {
        <p role="status" class="animate-pulse text-sm text-slate-500 dark:text-slate-400">
            {format!("Loading {what}…")}
        </p>
    }
}

#[component]
pub fn ErrorPanel(#[prop(into)] title: String, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <div
            role="alert"
            class="rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
            <p class="font-semibold">{title}</p>
            <p class="mt-1 break-words">{message}</p>
        </div>
    }
}

#[component]
pub fn Empty(#[prop(into)] message: String) -> impl IntoView {
    view! {
        <p class="rounded-lg border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
            {message}
        </p>
    }
}
