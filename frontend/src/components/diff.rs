//! A unified diff, coloured line by line.

use leptos::prelude::*;

/// Renders unified diff text; an empty diff shows `empty` instead.
#[component]
pub fn DiffView(#[prop(into)] diff: Signal<String>, #[prop(into)] empty: String) -> impl IntoView {
    view! {
        {move || {
            let diff = diff.get();
            if diff.is_empty() {
                return view! {
                    <p class="p-3 text-sm text-slate-500 dark:text-slate-400" data-diff="empty">
                        {empty.clone()}
                    </p>
                }
                    .into_any();
            }
            let lines = diff.lines().map(diff_line).collect_view();
            view! {
                <pre
                    class="overflow-x-auto rounded-lg border border-slate-200 bg-white py-2 font-mono text-xs leading-5 dark:border-slate-800 dark:bg-slate-950"
                    data-diff="unified"
                >
                    {lines}
                </pre>
            }
                .into_any()
        }}
    }
}

fn diff_line(line: &str) -> impl IntoView + use<> {
    let class = if line.starts_with("+++") || line.starts_with("---") {
        "block px-3 font-semibold text-slate-600 dark:text-slate-300"
    } else if line.starts_with("@@") {
        "block bg-sky-50 px-3 text-sky-800 dark:bg-sky-950 dark:text-sky-200"
    } else if line.starts_with('+') {
        "block bg-emerald-50 px-3 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
    } else if line.starts_with('-') {
        "block bg-red-50 px-3 text-red-900 dark:bg-red-950 dark:text-red-100"
    } else {
        "block px-3 text-slate-700 dark:text-slate-300"
    };
    let kind = match line.chars().next() {
        Some('+') if !line.starts_with("+++") => "added",
        Some('-') if !line.starts_with("---") => "removed",
        _ => "context",
    };
    view! {
        <span class=class data-line=kind>
            {format!("{line}\n")}
        </span>
    }
}
