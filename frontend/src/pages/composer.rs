//! `/hosts/{name}`: the Composer. One host's toggles grouped by category — description,
//! default and current value, how the value is set, what it needs and excludes — with
//! its template and hardware profile pickers and a pane showing the live diff and lint
//! of the pending edits. Every control edits through the shared core's lossless edit
//! operations, in the browser; nothing is sent until Commit…. The search lives in the
//! URL (`?q=`) so a filtered view can be bookmarked and shared.

use std::collections::BTreeMap;

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use shared::fleet::{
    Fleet, OptionDecl, TemplateHow, Value, switch_hardware_profile, switch_template,
};
use shared::sort;

use crate::components::composer_edit::HostEditor;
use crate::components::composer_pane::ChangePane;
use crate::components::page_header::SearchBox;
use crate::components::status::{Empty, ErrorPanel, Loading};
use crate::components::toggles::{ModuleRow, ToggleRow, aria_bool, dom_id, restore_select};
use crate::links;
use crate::studio::{Base, Load, Shared, use_studio};

#[component]
pub fn ComposerPage() -> impl IntoView {
    let studio = use_studio();
    let params = use_params_map();
    let host_name = Memo::new(move |_| links::param(params.read().get("name").unwrap_or_default()));
    let query = use_query_map();
    let search = Memo::new(move |_| query.read().get("q").unwrap_or_default());
    let navigate = use_navigate();
    let set_search = move |value: String| {
        let host = links::host(&host_name.get_untracked());
        let target = match value.is_empty() {
            true => host,
            false => format!("{host}?q={}", links::encode(&value)),
        };
        navigate(&target, NavigateOptions { replace: true, ..NavigateOptions::default() });
    };
    let editor = HostEditor::new(studio, host_name);

    view! {
        <section class="space-y-5 pb-24 lg:pb-0" data-page="composer">
            <div class="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
                <div class="min-w-0">
                    <nav aria-label="Breadcrumb" class="text-sm text-slate-500 dark:text-slate-400">
                        <A href="/" attr:class="text-sky-700 underline dark:text-sky-300">
                            "Fleet"
                        </A>
                        <span aria-hidden="true">" / "</span>
                        <span>"Composer"</span>
                    </nav>
                    <h1 class="break-all text-2xl font-semibold tracking-tight">
                        {move || host_name.get()}
                    </h1>
                </div>
                <SearchBox
                    label="Search toggles by path or description"
                    placeholder="Search toggles  ( / )"
                    value=search
                    on_input=Callback::new(set_search)
                />
            </div>
            {move || match studio.load.get() {
                Load::Loading => view! { <Loading what="the host" /> }.into_any(),
                Load::Failed(message) => {
                    view! { <ErrorPanel title="The repository could not be loaded" message /> }
                        .into_any()
                }
                Load::Ready(base) => view! { <Composer editor base search /> }.into_any(),
            }}
        </section>
    }
}

/// The loaded Composer: host facts and pickers, toggles, and the change pane.
#[component]
fn Composer(editor: HostEditor, base: Shared<Base>, search: Memo<String>) -> impl IntoView {
    let studio = editor.studio;
    // The fleet as committed, to mark toggles whose pending value differs.
    let committed = studio.committed_fleet(&base);
    let exists = Memo::new(move |_| {
        let host_name = editor.host_name.get();
        studio.fleet.with(|fleet| fleet.host(&host_name).is_some())
    });
    let missing = move || {
        let host_name = editor.host_name.get();
        view! {
            <div class="space-y-3">
                <Empty message=format!("There is no host named “{host_name}” in this repository.") />
                <p class="text-center text-sm">
                    <A href="/" attr:class="text-sky-700 underline dark:text-sky-300">
                        "Back to the fleet"
                    </A>
                </p>
            </div>
        }
    };
    view! {
        <Show when=move || exists.get() fallback=missing>
            <HostFacts editor />
            <div class="lg:grid lg:grid-cols-[minmax(0,1fr)_26rem] lg:items-start lg:gap-6">
                <Toggles editor committed=committed.clone() search />
                <ChangePane editor />
            </div>
        </Show>
    }
}

/// The host's entry file, template and hardware profile, with pickers to switch them.
#[component]
fn HostFacts(editor: HostEditor) -> impl IntoView {
    let studio = editor.studio;
    let entry = Memo::new(move |_| {
        let host_name = editor.host_name.get();
        studio.fleet.with(|fleet| {
            fleet
                .host(&host_name)
                .map(|host| (host.entry.clone(), host.nixos_hardware.join(", ")))
                .unwrap_or_default()
        })
    });
    view! {
        <div class="grid gap-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
            <div class="min-w-0 space-y-1 text-sm">
                <p class="font-medium">"Entry module"</p>
                {move || {
                    let (file, _) = entry.get();
                    view! {
                        <A href=links::file(&file) attr:class="break-all font-mono text-xs text-sky-700 underline dark:text-sky-300">
                            {file}
                        </A>
                    }
                }}
                {move || {
                    let (_, hardware) = entry.get();
                    (!hardware.is_empty())
                        .then(|| {
                            view! {
                                <p class="break-words text-xs text-slate-500 dark:text-slate-400">
                                    {format!("nixos-hardware: {hardware}")}
                                </p>
                            }
                        })
                }}
            </div>
            <TemplatePicker editor />
            <ProfilePicker editor />
        </div>
    }
}

const PICKER: &str = "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/40 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950";

#[component]
fn TemplatePicker(editor: HostEditor) -> impl IntoView {
    let studio = editor.studio;
    let facts = Memo::new(move |_| {
        let host_name = editor.host_name.get();
        studio.fleet.with(|fleet| {
            let current = fleet.host(&host_name).and_then(|host| host.template.clone());
            let names: Vec<String> =
                fleet.templates.iter().map(|template| template.name.clone()).collect();
            (current, names)
        })
    });
    let current_name = move || {
        facts
            .with(|(current, _)| current.as_ref().map(|used| used.name.clone()).unwrap_or_default())
    };
    let error = RwSignal::new(None::<String>);
    let choose = move |event: web_sys::Event| {
        let wanted = event_target_value(&event);
        let outcome = editor.run(&format!("template → {wanted}"), |files, fleet, host_name| {
            switch_template(files, fleet, host_name, &wanted)
        });
        error.set(outcome.err().map(|refusal| refusal.to_string()));
        if error.get_untracked().is_some() {
            restore_select(&event, &current_name());
        }
    };
    view! {
        <div class="min-w-0 space-y-1 text-sm" data-picker="template">
            <label for="template-picker" class="block font-medium">
                "Template"
            </label>
            <select
                id="template-picker"
                class=PICKER
                disabled=move || facts.with(|(_, names)| names.is_empty())
                aria-describedby="template-picker-hint"
                on:change=choose
            >
                {move || {
                    facts
                        .with(|(current, names)| {
                            picker_options(current.as_ref().map(|used| used.name.as_str()), names)
                        })
                }}
            </select>
            <p id="template-picker-hint" class="text-xs text-slate-500 dark:text-slate-400">
                {move || {
                    facts
                        .with(|(current, names)| match current {
                            Some(used) if used.how == TemplateHow::Applied => {
                                format!("{} is imported whole: its settings apply.", used.file)
                            }
                            Some(used) => {
                                format!(
                                    "Only the imports of {} are used: its settings do not apply here.",
                                    used.file,
                                )
                            }
                            None if names.is_empty() => {
                                "The repository has no templates.".to_owned()
                            }
                            None => "This host uses no template.".to_owned(),
                        })
                }}
            </p>
            <PickerError error />
        </div>
    }
}

#[component]
fn ProfilePicker(editor: HostEditor) -> impl IntoView {
    let studio = editor.studio;
    let facts = Memo::new(move |_| {
        let host_name = editor.host_name.get();
        studio.fleet.with(|fleet| {
            let host = fleet.host(&host_name);
            let current = host.and_then(|host| host.hardware_profile.clone());
            let files = host.map(|host| host.hardware_profiles.join(", ")).unwrap_or_default();
            let mut names: Vec<String> =
                fleet.hardware_profiles.iter().map(|profile| profile.name.clone()).collect();
            sort::sort(&mut names);
            names.dedup();
            (current, files, names)
        })
    });
    let error = RwSignal::new(None::<String>);
    let choose = move |event: web_sys::Event| {
        let wanted = event_target_value(&event);
        let outcome = editor
            .run(&format!("hardware profile → {wanted}"), |files, fleet, host_name| {
                switch_hardware_profile(files, fleet, host_name, &wanted)
            });
        error.set(outcome.err().map(|refusal| refusal.to_string()));
        if error.get_untracked().is_some() {
            let current =
                facts.with_untracked(|(current, _, _)| current.clone().unwrap_or_default());
            restore_select(&event, &current);
        }
    };
    view! {
        <div class="min-w-0 space-y-1 text-sm" data-picker="hardware">
            <label for="profile-picker" class="block font-medium">
                "Hardware profile"
            </label>
            <select
                id="profile-picker"
                class=PICKER
                disabled=move || facts.with(|(_, _, names)| names.is_empty())
                aria-describedby="profile-picker-hint"
                on:change=choose
            >
                {move || {
                    facts.with(|(current, _, names)| picker_options(current.as_deref(), names))
                }}
            </select>
            <p id="profile-picker-hint" class="break-words text-xs text-slate-500 dark:text-slate-400">
                {move || {
                    facts
                        .with(|(_, files, names)| match (files.is_empty(), names.is_empty()) {
                            (_, true) => "The repository has no hardware profiles.".to_owned(),
                            (true, false) => "This host uses no profile.".to_owned(),
                            (false, false) => format!("From {files}"),
                        })
                }}
            </p>
            <PickerError error />
        </div>
    }
}

#[component]
fn PickerError(error: RwSignal<Option<String>>) -> impl IntoView {
    move || {
        error.get().map(|message| {
            view! {
                <p role="alert" data-edit-error class="text-xs text-red-700 dark:text-red-300">
                    {message}
                </p>
            }
        })
    }
}

/// Toggle paths by category, in category then path order, filtered by the search. An
/// undeclared option a flake input's module declares shows only on the hosts that have it:
/// the studio cannot offer to import that module. One of NixOS's that pending edits took
/// off every host stays, as the loaded commit has it, to be set again.
fn grouped(
    fleet: &Fleet,
    committed: &Fleet,
    host: &str,
    needle: &str,
) -> Vec<(String, Vec<String>)> {
    let host = fleet.host(host);
    let shown =
        |option: &OptionDecl| !option.undeclared || host.is_some_and(|host| host.has(option));
    let unset_everywhere = committed
        .toggles()
        .filter(|option| option.undeclared && fleet.option(&option.path).is_none());
    let mut groups: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for option in fleet.toggles().chain(unset_everywhere) {
        if shown(option) && matches(option, needle) {
            groups.entry(option.category.as_str()).or_default().push(option.path.clone());
        }
    }
    groups
        .into_iter()
        .map(|(category, mut paths)| {
            sort::sort(&mut paths);
            (category.to_owned(), paths)
        })
        .collect()
}

fn matches(option: &OptionDecl, needle: &str) -> bool {
    needle.is_empty()
        || option.path.to_lowercase().contains(needle)
        || option.description.as_ref().is_some_and(|text| text.to_lowercase().contains(needle))
}

/// The toggles, one collapsible section per category, then the optional modules.
#[component]
fn Toggles(editor: HostEditor, committed: Shared<Fleet>, search: Memo<String>) -> impl IntoView {
    let studio = editor.studio;
    let needle = Memo::new(move |_| search.get().trim().to_lowercase());
    let groups = Memo::new({
        let committed = committed.clone();
        move |_| {
            let host = editor.host_name.get();
            needle
                .with(|needle| studio.fleet.with(|fleet| grouped(fleet, &committed, &host, needle)))
        }
    });
    // Every row listens to the fleet, and the reactive graph's cost of re-subscribing grows
    // with the square of the listeners: on a fleet with thousands of toggles a flip took a
    // quarter of a second. There the categories start closed, and a closed one has no rows.
    let open_categories = groups
        .with_untracked(|groups| groups.iter().map(|(_, paths)| paths.len()).sum::<usize>())
        <= ROWS_OPEN_AT_START;
    let categories = Memo::new(move |_| {
        groups
            .with(|groups| groups.iter().map(|(category, _)| category.clone()).collect::<Vec<_>>())
    });
    let modules = Memo::new(move |_| {
        needle.with(|needle| {
            studio.fleet.with(|fleet| {
                fleet
                    .optional_modules
                    .iter()
                    .filter(|module| {
                        needle.is_empty()
                            || module.name.to_lowercase().contains(needle)
                            || module.file.to_lowercase().contains(needle)
                    })
                    .map(|module| module.name.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let searching = Memo::new(move |_| needle.with(|needle| !needle.is_empty()));
    let nothing = move || groups.with(Vec::is_empty) && modules.with(Vec::is_empty);
    view! {
        <div class="min-w-0 space-y-4" data-toggles>
            <Show when=nothing>
                {move || {
                    let message = match searching.get() {
                        true => format!("No toggle matches “{}”.", search.get()),
                        false => {
                            "This repository declares no bool or enum options under its toggle roots, and has no optional modules."
                                .to_owned()
                        }
                    };
                    view! { <Empty message /> }
                }}
            </Show>
            <For each=move || categories.get() key=|category| category.clone() let:category>
                <Category
                    editor
                    open=open_categories
                    committed=committed.clone()
                    paths=Memo::new({
                        let category = category.clone();
                        move |_| {
                            groups
                                .with(|groups| {
                                    groups
                                        .iter()
                                        .find(|(name, _)| *name == category)
                                        .map(|(_, paths)| paths.clone())
                                        .unwrap_or_default()
                                })
                        }
                    })
                    category
                    searching
                />
            </For>
            <Show when=move || modules.with(|modules| !modules.is_empty())>
                <CategoryFrame
                    title="optional modules".to_owned()
                    count=Signal::derive(String::new)
                    searching
                    open=true
                >
                    <For each=move || modules.get() key=|name| name.clone() let:name>
                        <ModuleRow editor name />
                    </For>
                </CategoryFrame>
            </Show>
        </div>
    }
}

/// Up to this many toggle rows, every category starts open.
const ROWS_OPEN_AT_START: usize = 300;

/// One category of toggles with how many are on.
#[component]
fn Category(
    editor: HostEditor,
    /// Whether it starts open.
    open: bool,
    committed: Shared<Fleet>,
    category: String,
    paths: Memo<Vec<String>>,
    searching: Memo<bool>,
) -> impl IntoView {
    let studio = editor.studio;
    let count = Signal::derive(move || {
        let host_name = editor.host_name.get();
        let on = paths.with(|paths| {
            studio.fleet.with(|fleet| {
                let Some(host) = fleet.host(&host_name) else { return 0 };
                paths
                    .iter()
                    // The host's own values first: most toggles are unset and off by
                    // default, and asking whether the host has one walks its imports.
                    .filter(|path| match host.values.get(path.as_str()) {
                        Some(set) => set.value == Value::Bool(true),
                        None => fleet.option(path).is_some_and(|option| {
                            option.default == Some(Value::Bool(true)) && host.has(option)
                        }),
                    })
                    .count()
            })
        });
        format!("{on} on · {} shown", paths.with(Vec::len))
    });
    let committed = StoredValue::new(committed);
    view! {
        <CategoryFrame title=category count searching open>
            <For each=move || paths.get() key=|path| path.clone() let:path>
                <ToggleRow editor committed=committed.get_value() path />
            </For>
        </CategoryFrame>
    }
}

/// A collapsible section; while searching every section is open, so no match hides. A
/// closed section does not render its rows at all.
#[component]
fn CategoryFrame(
    title: String,
    #[prop(into)] count: Signal<String>,
    searching: Memo<bool>,
    /// Whether it starts open.
    open: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let collapsed = RwSignal::new(!open);
    let expanded = move || searching.get() || !collapsed.get();
    let list_id = dom_id("category", &title);
    let heading = title.clone();
    view! {
        <section
            data-category=title
            class="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900"
        >
            <h2>
                <button
                    type="button"
                    aria-expanded=move || aria_bool(expanded())
                    aria-controls=list_id.clone()
                    on:click=move |_| collapsed.update(|collapsed| *collapsed = !*collapsed)
                    class="flex w-full items-center gap-3 px-4 py-3 text-left hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-inset focus-visible:ring-sky-500 dark:hover:bg-slate-800/60"
                >
                    <span
                        aria-hidden="true"
                        class=move || {
                            format!(
                                "text-xs text-slate-400 transition-transform {}",
                                if expanded() { "rotate-90" } else { "" },
                            )
                        }
                    >
                        "▶"
                    </span>
                    <span class="font-semibold capitalize">{heading}</span>
                    <span class="ml-auto text-xs text-slate-500 dark:text-slate-400">
                        {move || count.get()}
                    </span>
                </button>
            </h2>
            <ul
                id=list_id
                class="divide-y divide-slate-100 border-t border-slate-100 dark:divide-slate-800 dark:border-slate-800"
                hidden=move || !expanded()
            >
                <Show when=expanded>{children()}</Show>
            </ul>
        </section>
    }
}

/// A picker's options, the current choice selected; a disabled "none" when there is none.
fn picker_options(current: Option<&str>, names: &[String]) -> impl IntoView + use<> {
    let none = current
        .is_none()
        .then(|| view! { <option value="" disabled prop:selected=true>"none"</option> });
    let options = names
        .iter()
        .map(|name| {
            let selected = current == Some(name.as_str());
            view! {
                <option value=name.clone() prop:selected=selected>
                    {name.clone()}
                </option>
            }
        })
        .collect_view();
    view! { {none} {options} }
}
