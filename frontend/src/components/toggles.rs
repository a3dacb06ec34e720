//! One toggle of one host in the Composer: its path, description, default and current
//! value, where and how the value is set (mkForce, mkDefault, template, expression), what
//! it needs and what it conflicts with — and the control that changes it.
//!
//! A flip anywhere recomputes the fleet; each row compares its own facts and only rows
//! whose facts differ touch the DOM. The control itself is never rebuilt, so keyboard
//! focus stays on it across flips, undo and redo.

use leptos::prelude::*;
use leptos_router::components::A;
use shared::fleet::{
    DependencyKind, Fleet, Host, HostValue, OptionKind, Priority, SetRequest, ToggleValue, Value,
    set_optional_module, set_toggles, unset_toggle,
};
use wasm_bindgen::JsValue;

use crate::components::composer_edit::HostEditor;
use crate::links;
use crate::studio::Shared;

/// Another toggle this one needs or excludes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Relation {
    other: String,
    /// For an enum: the value that brings the relation into play.
    when: Option<String>,
    message: Option<String>,
    /// Whether the host has the other toggle on now.
    other_on: bool,
}

/// What a row shows of the host's own setting. Not its byte offsets: they move whenever
/// an earlier line of the same file changes length, and every row below a flipped one
/// would re-render.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Setting {
    value: Value,
    priority: Option<Priority>,
    file: String,
    line: u32,
    /// Set by a file other hosts share: the host's template, or another.
    shared: Option<SharedBy>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SharedBy {
    Template,
    Module,
}

impl Setting {
    fn of(set: &HostValue, host: &Host) -> Setting {
        let by_template = host.template.as_ref().is_some_and(|used| used.file == set.file);
        Setting {
            value: set.value.clone(),
            priority: set.priority.clone(),
            file: set.file.clone(),
            line: set.line,
            shared: set.shared.then_some(if by_template {
                SharedBy::Template
            } else {
                SharedBy::Module
            }),
        }
    }
}

/// Everything a row shows, read from the fleet; compared on every fleet change so only
/// rows that differ re-render.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ToggleFacts {
    description: Option<String>,
    kind: OptionKind,
    default: Option<Value>,
    declared_in: String,
    /// An option of NixOS (or of an input's module) the repository sets but does not declare.
    undeclared: bool,
    host_entry: String,
    current: Option<Setting>,
    /// Whether the host's import graph reaches the declaring module.
    imported: bool,
    /// The value at the loaded commit, before pending edits.
    committed: Option<Value>,
    requires: Vec<Relation>,
    conflicts: Vec<Relation>,
}

impl ToggleFacts {
    fn of(fleet: &Fleet, committed: &Fleet, host_name: &str, path: &str) -> Option<ToggleFacts> {
        let option = fleet.option(path).or_else(|| committed.option(path))?;
        let host = fleet.host(host_name)?;
        let is_on = |other: &str| {
            fleet.option(other).and_then(|option| host.value(option)) == Some(&Value::Bool(true))
        };
        let mut requires = Vec::new();
        let mut conflicts = Vec::new();
        for dependency in &fleet.dependencies {
            let other = match (dependency.from == path, dependency.to == path) {
                (true, _) => &dependency.to,
                (false, true) if dependency.kind == DependencyKind::Conflicts => &dependency.from,
                _ => continue,
            };
            let relation = Relation {
                other: other.clone(),
                when: dependency.when.clone(),
                message: dependency.message.clone(),
                other_on: is_on(other),
            };
            match dependency.kind {
                DependencyKind::Requires => requires.push(relation),
                DependencyKind::Conflicts => conflicts.push(relation),
            }
        }
        let committed_value = committed.host(host_name).and_then(|host| {
            host.values
                .get(path)
                .map(|set| set.value.clone())
                .or_else(|| committed.option(path).and_then(|option| option.default.clone()))
        });
        Some(ToggleFacts {
            description: option.description.clone(),
            kind: option.kind.clone(),
            default: option.default.clone(),
            declared_in: option.declared_in.clone(),
            undeclared: option.undeclared,
            host_entry: host.entry.clone(),
            current: host.values.get(path).map(|set| Setting::of(set, host)),
            imported: host.has(option),
            committed: committed_value,
            requires,
            conflicts,
        })
    }

    /// The value the host ends up with: its own (or its template's) setting, else the
    /// default; `None` when that is not known here (an undeclared option's NixOS default).
    fn effective(&self) -> Option<Value> {
        self.current.as_ref().map(|set| set.value.clone()).or_else(|| self.default.clone())
    }

    fn is_expression(&self) -> bool {
        matches!(self.current.as_ref().map(|set| &set.value), Some(Value::Expression(_)))
    }
}

/// `"true"` or `"false"`, for ARIA state attributes.
pub fn aria_bool(value: bool) -> &'static str {
    match value {
        true => "true",
        false => "false",
    }
}

/// An element id made from free text (option paths may hold quotes and dots).
pub fn dom_id(prefix: &str, text: &str) -> String {
    let tail: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("{prefix}-{tail}")
}

/// Puts a `<select>` back on `value` after a refused change, so it shows what is true.
pub fn restore_select(event: &web_sys::Event, value: &str) {
    if let Some(target) = event.target() {
        let _ =
            js_sys::Reflect::set(&target, &JsValue::from_str("value"), &JsValue::from_str(value));
    }
}

/// An on/off switch: a real checkbox with `role="switch"`, drawn as a switch, named by
/// the element `labelledby`, with the `data-toggle` hook the e2e tests use. The box shows
/// `checked`, never its own idea: a refused change puts it back. `mixed` (a value computed
/// by an expression) shows neither on nor off, with the knob in the middle.
#[component]
pub fn Switch(
    #[prop(into)] checked: Signal<bool>,
    #[prop(into)] mixed: Signal<bool>,
    #[prop(into)] disabled: Signal<bool>,
    labelledby: String,
    describedby: String,
    on_toggle: Callback<bool>,
) -> impl IntoView {
    view! {
        <input
            type="checkbox"
            role="switch"
            data-toggle
            prop:checked=move || checked.get()
            prop:indeterminate=move || mixed.get()
            aria-checked=move || match mixed.get() {
                true => "mixed",
                false => aria_bool(checked.get()),
            }
            aria-labelledby=labelledby
            aria-describedby=describedby
            disabled=move || disabled.get()
            on:change=move |event| {
                on_toggle.run(event_target_checked(&event));
                let shown = checked.get_untracked();
                if let Some(target) = event.target() {
                    let _ = js_sys::Reflect::set(
                        &target,
                        &JsValue::from_str("checked"),
                        &JsValue::from_bool(shown),
                    );
                }
            }
            class="relative h-6 w-11 shrink-0 cursor-pointer appearance-none rounded-full bg-slate-300 transition-colors before:absolute before:top-0.5 before:left-0.5 before:h-5 before:w-5 before:rounded-full before:bg-white before:shadow before:transition-transform before:content-[''] checked:bg-sky-600 checked:before:translate-x-5 indeterminate:bg-amber-300 indeterminate:before:translate-x-2.5 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-slate-600 dark:checked:bg-sky-500 dark:focus-visible:ring-offset-slate-900"
        />
    }
}

const BADGE: &str = "rounded-full px-2 py-0.5 text-[11px] font-medium leading-4";

#[component]
fn Badge(text: String, tone: &'static str, #[prop(optional)] title: String) -> impl IntoView {
    let colours = match tone {
        "force" => "bg-red-100 text-red-800 dark:bg-red-900/70 dark:text-red-100",
        "template" => "bg-violet-100 text-violet-900 dark:bg-violet-900/70 dark:text-violet-100",
        "warn" => "bg-amber-100 text-amber-900 dark:bg-amber-900/70 dark:text-amber-100",
        "changed" => "bg-sky-100 text-sky-900 dark:bg-sky-900/70 dark:text-sky-100",
        _ => "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
    };
    view! {
        <span class=format!("{BADGE} {colours}") data-badge=tone title=title>
            {text}
        </span>
    }
}

/// One toggle row, keyed by option path.
#[component]
pub fn ToggleRow(editor: HostEditor, committed: Shared<Fleet>, path: String) -> impl IntoView {
    let studio = editor.studio;
    let facts = Memo::new({
        let path = path.clone();
        let committed = committed.clone();
        move |_| {
            let host_name = editor.host_name.get();
            studio.fleet.with(|fleet| ToggleFacts::of(fleet, &committed, &host_name, &path))
        }
    });
    let value =
        Memo::new(move |_| facts.with(|facts| facts.as_ref().and_then(ToggleFacts::effective)));
    let read_only = Memo::new(move |_| {
        facts.with(|facts| facts.as_ref().is_none_or(ToggleFacts::is_expression))
    });
    // Neither on nor off: set by an expression, or left to a default that is an
    // expression or that the studio does not know (an undeclared option's).
    let mixed = Memo::new(move |_| {
        read_only.get() || value.with(|value| !matches!(value, Some(Value::Bool(_))))
    });
    let kind =
        Memo::new(move |_| facts.with(|facts| facts.as_ref().map(|facts| facts.kind.clone())));
    let error = RwSignal::new(None::<String>);

    let set = Callback::new({
        let path = path.clone();
        move |value: ToggleValue| {
            let request = SetRequest { option: path.clone(), value: value.clone() };
            let what = format!("{path} = {}", value.literal());
            let outcome = editor.run(&what, |files, fleet, host_name| {
                // A row the loaded commit has and pending edits took off every host.
                match (fleet.option(&path), committed.option(&path)) {
                    (None, Some(option)) => {
                        set_toggles(files, &fleet.with_option(option), host_name, &[request])
                    }
                    _ => set_toggles(files, fleet, host_name, &[request]),
                }
            });
            error.set(outcome.err().map(|refusal| refusal.to_string()));
        }
    });
    let unset = Callback::new({
        let path = path.clone();
        move |()| {
            let what = format!("unset {path}");
            let outcome = editor
                .run(&what, |files, fleet, host_name| unset_toggle(files, fleet, host_name, &path));
            error.set(outcome.err().map(|refusal| refusal.to_string()));
        }
    });

    let label_id = dom_id("toggle", &path);
    let details_id = dom_id("toggle-details", &path);
    let control = {
        let label_id = label_id.clone();
        let details_id = details_id.clone();
        move || match kind.get() {
            Some(OptionKind::Bool) => view! {
                <Switch
                    checked=Signal::derive(move || value.get() == Some(Value::Bool(true)))
                    mixed
                    disabled=read_only
                    labelledby=label_id.clone()
                    describedby=details_id.clone()
                    on_toggle=Callback::new(move |on: bool| set.run(ToggleValue::Bool(on)))
                />
            }
            .into_any(),
            Some(OptionKind::Enum { values }) => view! {
                <EnumSelect values value read_only labelledby=label_id.clone() error set />
            }
            .into_any(),
            _ => ().into_any(),
        }
    };

    view! {
        <li data-option=path class="flex items-start gap-3 px-4 py-3">
            <div class="min-w-0 flex-1 space-y-1">
                <div class="flex flex-wrap items-center gap-1.5">
                    <span id=label_id class="break-all font-mono text-sm font-medium text-slate-900 dark:text-slate-100">
                        {path.clone()}
                    </span>
                    {move || facts.get().map(|facts| badges(&facts))}
                </div>
                <div id=details_id class="space-y-1">
                    {move || facts.get().map(|facts| details(facts, unset))}
                </div>
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p
                                    role="alert"
                                    data-edit-error
                                    class="rounded-md border border-red-300 bg-red-50 px-2 py-1 text-xs text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
                                >
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
            <div class="shrink-0 pt-0.5">{control}</div>
        </li>
    }
}

/// A `<select>` for an enum toggle; refused changes put it back on the current value.
#[component]
fn EnumSelect(
    values: Vec<String>,
    value: Memo<Option<Value>>,
    read_only: Memo<bool>,
    labelledby: String,
    error: RwSignal<Option<String>>,
    set: Callback<ToggleValue>,
) -> impl IntoView {
    let current = move || match value.get() {
        Some(Value::String(chosen)) => chosen,
        _ => String::new(),
    };
    let known = {
        let values = values.clone();
        move || values.contains(&current())
    };
    let options = values
        .into_iter()
        .map(|choice| {
            let selected = {
                let choice = choice.clone();
                move || current() == choice
            };
            let text = choice.clone();
            view! {
                <option value=choice prop:selected=selected>
                    {text}
                </option>
            }
        })
        .collect_view();
    view! {
        <select
            data-toggle
            aria-labelledby=labelledby
            disabled=move || read_only.get()
            class="max-w-[11rem] rounded-md border border-slate-300 bg-white py-1 pl-2 pr-7 text-sm shadow-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-500/40 disabled:opacity-60 dark:border-slate-700 dark:bg-slate-950"
            on:change=move |event| {
                set.run(ToggleValue::Enum(event_target_value(&event)));
                if error.get_untracked().is_some() {
                    restore_select(&event, &current());
                }
            }
        >
            <Show when=move || !known()>
                <option value="" disabled prop:selected=true>
                    "—"
                </option>
            </Show>
            {options}
        </select>
    }
}

fn badges(facts: &ToggleFacts) -> impl IntoView + use<> {
    let mut shown: Vec<AnyView> = Vec::new();
    if let Some(current) = &facts.current {
        if let Some(priority) = &current.priority {
            let tone = match priority.wrapper.as_str() {
                "mkForce" => "force",
                _ => "neutral",
            };
            let text = match priority.level {
                Some(level) if priority.wrapper == "mkOverride" => format!("mkOverride {level}"),
                _ => priority.wrapper.clone(),
            };
            let title = format!("Wrapped in {text}: the value has that priority");
            shown.push(view! { <Badge text tone title /> }.into_any());
        }
        let shared = match current.shared {
            Some(SharedBy::Template) => Some(("template", "Set by the host's template")),
            Some(SharedBy::Module) => Some(("shared", "Set by a module other hosts import too")),
            None => None,
        };
        if let Some((text, title)) = shared {
            let (text, title) = (text.to_owned(), title.to_owned());
            shown.push(view! { <Badge text tone="template" title /> }.into_any());
        }
        if let Value::Expression(_) = current.value {
            let title = "Computed by an expression: edit it by hand".to_owned();
            shown.push(
                view! { <Badge text="expression".to_owned() tone="warn" title /> }.into_any(),
            );
        }
    }
    if facts.undeclared {
        let title =
            "Not declared in this repository: an option of NixOS or of a flake input's module"
                .to_owned();
        shown.push(view! { <Badge text="NixOS".to_owned() tone="neutral" title /> }.into_any());
    }
    if !facts.imported {
        let title = format!("{} is not in this host's imports", facts.declared_in);
        shown.push(view! { <Badge text="not imported".to_owned() tone="warn" title /> }.into_any());
    }
    if facts.effective() != facts.committed {
        let title = "Differs from the loaded commit (pending edit)".to_owned();
        shown.push(view! { <Badge text="changed".to_owned() tone="changed" title /> }.into_any());
    }
    shown
}

const LINK: &str = "text-sky-700 underline decoration-sky-700/30 hover:decoration-sky-700 dark:text-sky-300 dark:decoration-sky-300/30";

fn details(facts: ToggleFacts, unset: Callback<()>) -> impl IntoView + use<> {
    let default = match (&facts.default, facts.undeclared) {
        (_, true) => "NixOS's".to_owned(),
        (Some(default), false) => default.to_string(),
        (None, false) => "none".to_owned(),
    };
    let source = match &facts.current {
        Some(current) => {
            let href = links::file_at(&current.file, current.line);
            let place = format!("{}:{}", current.file, current.line);
            let (lead, removable) = match (&current.value, current.shared) {
                (Value::Expression(expression), shared) => {
                    (format!("read-only: set by `{expression}` at "), shared.is_none())
                }
                (_, Some(SharedBy::Template)) => ("set by the template at ".to_owned(), false),
                (_, Some(SharedBy::Module)) => ("set by a shared module at ".to_owned(), false),
                (_, None) => ("set at ".to_owned(), true),
            };
            view! {
                <span>{lead}</span>
                <A href=href attr:class=LINK attr:data-source="">
                    {place}
                </A>
                {removable
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                data-action="unset"
                                class="ml-2 rounded px-1 text-sky-700 underline decoration-dotted hover:bg-sky-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-500 dark:text-sky-300 dark:hover:bg-sky-950"
                                title="Remove this host's setting, so the default applies"
                                on:click=move |_| unset.run(())
                            >
                                "use default"
                            </button>
                        }
                    })}
            }
            .into_any()
        }
        None => {
            let whose = if facts.undeclared { "NixOS's" } else { "the" };
            view! { <span>{format!("not set on this host: {whose} default applies")}</span> }
                .into_any()
        }
    };
    let import_note = (!facts.imported).then(|| {
        view! {
            <p class="text-xs text-amber-800 dark:text-amber-300" data-note="not-imported">
                {format!(
                    "Not imported — turning it on adds the import of {} to {}.",
                    facts.declared_in,
                    facts.host_entry,
                )}
            </p>
        }
    });
    let value = facts.effective();
    let relations = facts
        .requires
        .iter()
        .map(|relation| requirement(relation, value.as_ref()).into_any())
        .chain(facts.conflicts.iter().map(|relation| conflict(relation).into_any()))
        .collect::<Vec<_>>();
    view! {
        {facts
            .description
            .map(|description| {
                view! { <p class="text-sm text-slate-600 dark:text-slate-300">{description}</p> }
            })}
        <p class="text-xs text-slate-500 dark:text-slate-400">
            <span>"default "</span>
            <code class="font-mono text-slate-700 dark:text-slate-200">{default}</code>
            <span aria-hidden="true">" · "</span>
            {source}
        </p>
        {import_note}
        {relations}
    }
}

/// What a toggle needs, said for the state the host is in. A toggle that is on (or set to
/// the value that needs something) while what it needs is off is a host that will not
/// build: the Composer's edits refuse to get there, but a hand edit (or a commit made
/// elsewhere) can, and the row says so in red.
fn requirement(relation: &Relation, value: Option<&Value>) -> impl IntoView + use<> {
    let in_play = match (&relation.when, value) {
        (None, Some(Value::Bool(on))) => *on,
        (Some(when), Some(Value::String(chosen))) => when == chosen,
        _ => false,
    };
    let other = &relation.other;
    let reason = relation.message.clone().map(|message| format!(" {message}")).unwrap_or_default();
    let missing = "text-red-700 dark:text-red-300";
    let fine = "text-slate-600 dark:text-slate-300";
    let (text, colours) = match (&relation.when, relation.other_on, in_play) {
        (None, true, _) => (format!("Needs {other} (on here)."), fine),
        (Some(when), true, _) => (format!("With \"{when}\" it needs {other} (on here)."), fine),
        (None, false, true) => (
            format!("Needs {other}, which is off here: turn that on, or this off.{reason}"),
            missing,
        ),
        (Some(when), false, true) => (
            format!(
                "With \"{when}\" it needs {other}, which is off here: turn that on, or choose another value.{reason}"
            ),
            missing,
        ),
        (None, false, false) => (format!("Turning it on also turns on {other}."), fine),
        (Some(when), false, false) => (format!("Choosing \"{when}\" also turns on {other}."), fine),
    };
    view! {
        <p
            class=format!("text-xs {colours}")
            data-note="requires"
            title=relation.message.clone().unwrap_or_default()
        >
            {text}
        </p>
    }
}

fn conflict(relation: &Relation) -> impl IntoView + use<> {
    let reason = relation.message.clone().map(|message| format!(" {message}")).unwrap_or_default();
    let (text, colours) = match relation.other_on {
        true => (
            format!(
                "Conflicts with {}, which is on here: turn that off first.{reason}",
                relation.other
            ),
            "text-red-700 dark:text-red-300",
        ),
        false => (
            format!("Cannot be on together with {} (off here).{reason}", relation.other),
            "text-slate-600 dark:text-slate-300",
        ),
    };
    view! {
        <p class=format!("text-xs {colours}") data-note="conflicts">
            {text}
        </p>
    }
}

/// Whether a host has an optional module (a feature it gets by importing the file).
#[derive(Debug, Clone, PartialEq, Eq)]
struct ModuleFacts {
    file: String,
    on: bool,
}

/// One optional module of the repository as a switch: on means the host imports it.
#[component]
pub fn ModuleRow(editor: HostEditor, name: String) -> impl IntoView {
    let studio = editor.studio;
    let facts = Memo::new({
        let name = name.clone();
        move |_| {
            let host_name = editor.host_name.get();
            studio.fleet.with(|fleet| {
                fleet.optional_modules.iter().find(|module| module.name == name).map(|module| {
                    ModuleFacts { file: module.file.clone(), on: module.hosts.contains(&host_name) }
                })
            })
        }
    });
    let error = RwSignal::new(None::<String>);
    let toggle = Callback::new({
        let name = name.clone();
        move |enabled: bool| {
            let file = facts.with_untracked(|facts| facts.as_ref().map(|facts| facts.file.clone()));
            let what = match enabled {
                true => format!("import {}", file.unwrap_or_else(|| name.clone())),
                false => format!("remove import of {}", file.unwrap_or_else(|| name.clone())),
            };
            let outcome = editor.run(&what, |files, fleet, host_name| {
                set_optional_module(files, fleet, host_name, &name, enabled)
            });
            error.set(outcome.err().map(|refusal| refusal.to_string()));
        }
    });
    let label_id = dom_id("module", &name);
    let details_id = dom_id("module-details", &name);
    view! {
        <li data-module=name class="flex items-start gap-3 px-4 py-3">
            <div class="min-w-0 flex-1 space-y-1">
                <span id=label_id.clone() class="break-all font-mono text-sm font-medium">
                    {name.clone()}
                </span>
                <p id=details_id.clone() class="break-all text-xs text-slate-500 dark:text-slate-400">
                    {move || {
                        facts
                            .get()
                            .map(|facts| match facts.on {
                                true => format!("imported: {}", facts.file),
                                false => format!("not imported: turning it on imports {}", facts.file),
                            })
                    }}
                </p>
                {move || {
                    error
                        .get()
                        .map(|message| {
                            view! {
                                <p role="alert" data-edit-error class="text-xs text-red-700 dark:text-red-300">
                                    {message}
                                </p>
                            }
                        })
                }}
            </div>
            <Switch
                checked=Signal::derive(move || facts.with(|facts| facts.as_ref().is_some_and(|facts| facts.on)))
                mixed=false
                disabled=Signal::derive(move || facts.with(Option::is_none))
                labelledby=label_id
                describedby=details_id
                on_toggle=toggle
            />
        </li>
    }
}
