//! Shown for a client-side route that does not exist.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="py-16 text-center">
            <h1 class="text-2xl font-semibold">"Page not found"</h1>
            <p class="mt-2 text-slate-500 dark:text-slate-400">
                "Nothing lives at this address."
            </p>
            <A href="/" attr:class="mt-6 inline-block text-sky-700 underline dark:text-sky-300">
                "Back to the fleet"
            </A>
        </section>
    }
}
