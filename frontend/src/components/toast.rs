//! Short messages about results ("Committed on branch …", "Conflict: …"), announced to
//! screen readers and dismissed after a while or by hand.

use std::time::Duration;

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Error,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toast {
    id: u64,
    pub kind: ToastKind,
    pub message: String,
    /// A link to what the message is about: address and label.
    pub link: Option<(String, String)>,
}

/// The page's toasts; provided by the shell, used by any page.
#[derive(Debug, Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next_id: StoredValue<u64>,
}

impl Toasts {
    pub fn provide() -> Toasts {
        let toasts = Toasts { list: RwSignal::new(Vec::new()), next_id: StoredValue::new(0) };
        provide_context(toasts);
        toasts
    }

    pub fn success(self, message: impl Into<String>, link: Option<(String, String)>) {
        self.show(ToastKind::Success, message.into(), link);
    }

    pub fn error(self, message: impl Into<String>) {
        self.show(ToastKind::Error, message.into(), None);
    }

    pub fn info(self, message: impl Into<String>) {
        self.show(ToastKind::Info, message.into(), None);
    }

    fn show(self, kind: ToastKind, message: String, link: Option<(String, String)>) {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        self.list.update(|list| list.push(Toast { id, kind, message, link }));
        // Errors stay until dismissed: they often need reading twice.
        if kind != ToastKind::Error {
            set_timeout(move || self.dismiss(id), Duration::from_secs(8));
        }
    }

    fn dismiss(self, id: u64) {
        self.list.update(|list| list.retain(|toast| toast.id != id));
    }
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// Where toasts appear: bottom right on wide screens, bottom on phones.
#[component]
pub fn ToastHost(toasts: Toasts) -> impl IntoView {
    view! {
        <div
            aria-live="polite"
            class="pointer-events-none fixed inset-x-0 bottom-0 z-50 flex flex-col items-center gap-2 p-4 sm:items-end"
        >
            <For each=move || toasts.list.get() key=|toast| toast.id let:toast>
                <ToastView toast toasts />
            </For>
        </div>
    }
}

#[component]
fn ToastView(toast: Toast, toasts: Toasts) -> impl IntoView {
    let colours = match toast.kind {
        ToastKind::Success => {
            "border-emerald-300 bg-emerald-50 text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100"
        }
        ToastKind::Error => {
            "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
        }
        ToastKind::Info => {
            "border-slate-300 bg-white text-slate-900 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        }
    };
    let role = match toast.kind {
        ToastKind::Error => "alert",
        _ => "status",
    };
    let kind = match toast.kind {
        ToastKind::Success => "success",
        ToastKind::Error => "error",
        ToastKind::Info => "info",
    };
    let id = toast.id;
    view! {
        <div
            role=role
            data-toast=kind
            class=format!(
                "pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-lg border p-3 text-sm shadow-lg {colours}",
            )
        >
            <div class="flex-1 break-words">
                <p>{toast.message}</p>
                {toast
                    .link
                    .map(|(href, label)| {
                        view! {
                            <a href=href class="mt-1 inline-block font-medium underline">
                                {label}
                            </a>
                        }
                    })}
            </div>
            <button
                type="button"
                class="rounded px-1 text-lg leading-none opacity-70 hover:opacity-100"
                aria-label="Dismiss"
                on:click=move |_| toasts.dismiss(id)
            >
                "×"
            </button>
        </div>
    }
}
