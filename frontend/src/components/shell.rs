//! The frame around every page: header with navigation, then the page.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Shell(children: Children) -> impl IntoView {
    view! {
        <div class="flex min-h-screen flex-col">
            <header class="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
                <nav
                    class="mx-auto flex max-w-6xl items-center gap-4 px-4 py-3"
                    aria-label="Main"
                >
                    <A href="/" attr:class="flex items-center gap-2 font-semibold tracking-tight">
                        <img src="/favicon.svg" alt="" class="h-7 w-7" />
                        <span>"nixstudio"</span>
                    </A>
                    <A
                        href="/"
                        attr:class="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 aria-[current=page]:bg-slate-100 aria-[current=page]:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-[current=page]:bg-slate-800 dark:aria-[current=page]:text-white"
                    >
                        "Fleet"
                    </A>
                </nav>
            </header>
            <main class="mx-auto w-full max-w-6xl flex-1 px-4 py-6">{children()}</main>
        </div>
    }
}
