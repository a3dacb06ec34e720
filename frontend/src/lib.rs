//! The nixstudio web app: the router and the app shell. Pages live in `pages/`, shared
//! pieces in `components/`, typed API calls in `api.rs`, the state every page shares in
//! `studio.rs`; the logic itself lives in `shared`, run here as WebAssembly.

pub mod api;
pub mod browser;
pub mod components;
pub mod links;
pub mod pages;
pub mod studio;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::shell::Shell;
use pages::changes::{ChangePage, ChangesPage};
use pages::composer::ComposerPage;
use pages::file::{FilePage, FilesPage};
use pages::fleet::FleetPage;
use pages::lint::LintPage;
use pages::not_found::NotFound;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=FleetPage />
                    <Route path=path!("/changes") view=ChangesPage />
                    <Route path=path!("/changes/:id") view=ChangePage />
                    <Route path=path!("/hosts/:name") view=ComposerPage />
                    <Route path=path!("/files") view=FilesPage />
                    <Route path=path!("/files/*path") view=FilePage />
                    <Route path=path!("/lint") view=LintPage />
                </Routes>
            </Shell>
        </Router>
    }
}
