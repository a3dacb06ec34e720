//! `/`: every host of the fleet, filterable by name. The filter lives in the URL (`?q=`)
//! so a filtered view can be bookmarked and shared.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use shared::api::{Fleet, HostSummary};

use crate::api;
use crate::components::status::{Empty, ErrorPanel, Loading};

#[component]
pub fn FleetPage() -> impl IntoView {
    let fleet = LocalResource::new(api::fleet);
    let query = use_query_map();
    let filter = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let navigate = use_navigate();
    let set_filter = move |value: String| {
        let target = match value.is_empty() {
            true => "/".to_owned(),
            false => format!("/?q={}", encode_query_value(&value)),
        };
        navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
    };

    view! {
        <section class="space-y-6">
            <div class="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
                <div>
                    <h1 class="text-2xl font-semibold tracking-tight">"Fleet"</h1>
                    <p class="text-sm text-slate-500 dark:text-slate-400">
                        "Every host of the repository, as configured on its current branch."
                    </p>
                </div>
                <label class="block w-full sm:w-72">
                    <span class="sr-only">"Filter hosts"</span>
                    <input
                        type="search"
                        placeholder="Filter hosts"
                        class="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/40 dark:border-slate-700 dark:bg-slate-900"
                        prop:value=move || filter.get()
                        on:input=move |event| set_filter(event_target_value(&event))
                    />
                </label>
            </div>
            <Transition fallback=|| view! { <Loading what="the fleet" /> }>
                {move || Suspend::new(async move {
                    match fleet.await {
                        Ok(fleet) => view! { <HostGrid fleet filter /> }.into_any(),
                        Err(failure) => {
                            view! {
                                <ErrorPanel
                                    title="The fleet could not be loaded"
                                    message=failure.to_string()
                                />
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
fn HostGrid(fleet: Fleet, #[prop(into)] filter: Signal<String>) -> impl IntoView {
    let commit = fleet.commit.chars().take(12).collect::<String>();
    let branch = fleet.branch.clone();
    let host_count = fleet.hosts.len();
    let hosts = StoredValue::new(fleet.hosts);
    let problems = fleet.problems;
    let visible = move || {
        let needle = filter.get().to_lowercase();
        hosts.with_value(|hosts| {
            hosts
                .iter()
                .filter(|host| host.name.to_lowercase().contains(&needle))
                .cloned()
                .collect::<Vec<HostSummary>>()
        })
    };
    view! {
        <p class="text-xs text-slate-500 dark:text-slate-400">
            {format!("{host_count} hosts · branch {branch} · commit {commit}")}
        </p>
        {(!problems.is_empty())
            .then(|| {
                view! {
                    <ErrorPanel
                        title="Some files could not be understood"
                        message=problems.join("\n")
                    />
                }
            })}
        {move || {
            let hosts = visible();
            if hosts.is_empty() {
                return view! { <Empty message="No host matches this filter." /> }.into_any();
            }
            view! {
                <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Hosts">
                    <For each=move || hosts.clone() key=|host| host.name.clone() let:host>
                        <HostCard host />
                    </For>
                </ul>
            }
                .into_any()
        }}
    }
}

#[component]
fn HostCard(host: HostSummary) -> impl IntoView {
    let data_host = host.name.clone();
    view! {
        <li
            class="rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900"
            data-host=data_host
        >
            <h2 class="text-lg font-semibold">{host.name}</h2>
            <p class="mt-1 truncate font-mono text-xs text-slate-500 dark:text-slate-400">
                {host.entry}
            </p>
        </li>
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass through).
fn encode_query_value(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                encoded.push(char::from(byte));
            }
            other => encoded.push_str(&format!("%{other:02X}")),
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::encode_query_value;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(encode_query_value("p6 20&x=é"), "p6%2020%26x%3D%C3%A9");
        assert_eq!(encode_query_value("razer-2_b.~"), "razer-2_b.~");
    }
}
