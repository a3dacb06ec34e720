//! The nixstudio web app: the router and the app shell. Pages live in `pages/`, shared
//! pieces in `components/`, typed API calls in `api.rs`; logic lives in `shared`.

pub mod api;
pub mod components;
pub mod pages;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use components::shell::Shell;
use pages::fleet::FleetPage;
use pages::not_found::NotFound;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <Shell>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=FleetPage />
                </Routes>
            </Shell>
        </Router>
    }
}
