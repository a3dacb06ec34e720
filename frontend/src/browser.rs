//! The few browser facilities the app uses directly: `localStorage`, the clock, yielding
//! to the event loop, and the colour scheme.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Reads a `localStorage` entry; `None` when absent or when storage is unavailable.
pub fn load(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Writes (`Some`) or removes (`None`) a `localStorage` entry. Storage can be full or
/// disabled; the app keeps working without it.
pub fn store(key: &str, value: Option<String>) {
    let Some(storage) = window().and_then(|window| window.local_storage().ok().flatten()) else {
        return;
    };
    let _ = match value {
        Some(value) => storage.set_item(key, &value),
        None => storage.remove_item(key),
    };
}

/// Milliseconds since the page started, with sub-millisecond precision.
pub fn now_ms() -> f64 {
    window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(0.0)
}

/// Runs `work` as a named entry of the page's performance timeline, so the browser's
/// profiler and the speed benchmark see how long it took.
pub fn timed<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = window().and_then(|window| window.performance());
    let start = format!("{name}:start");
    if let Some(performance) = &performance {
        let _ = performance.mark(&start);
    }
    let result = work();
    if let Some(performance) = &performance {
        let _ = performance.measure_with_start_mark(name, &start);
        performance.clear_marks_with_mark_name(&start);
    }
    result
}

/// Continues once the browser has painted the next frame: after its animation-frame
/// callbacks, a message to itself arrives behind the rendering. In a hidden tab, where
/// no frames are drawn, it waits until the tab is shown.
pub async fn after_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let requested = web_sys::window()
            .map(|window| window.request_animation_frame(&resolve))
            .is_some_and(|requested| requested.is_ok());
        if !requested {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    next_tick().await;
}

/// Lets the browser handle pending input and paint before the caller continues. A
/// message to itself, not `setTimeout(0)`, which browsers clamp to 4 ms when chained.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| match web_sys::MessageChannel::new() {
        Ok(channel) => {
            channel.port1().set_onmessage(Some(&resolve));
            let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
        }
        Err(_) => {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The colour scheme a person picked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

const THEME_KEY: &str = "nixstudio.theme";

impl Theme {
    pub fn stored() -> Theme {
        match load(THEME_KEY).as_deref() {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::System,
        }
    }

    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::System,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System theme",
            Theme::Light => "Light theme",
            Theme::Dark => "Dark theme",
        }
    }

    /// Remembers the choice and sets the `dark` class on `<html>` accordingly.
    pub fn apply(self) {
        store(
            THEME_KEY,
            match self {
                Theme::System => None,
                Theme::Light => Some("light".to_owned()),
                Theme::Dark => Some("dark".to_owned()),
            },
        );
        let dark = match self {
            Theme::Dark => true,
            Theme::Light => false,
            Theme::System => window()
                .and_then(|window| {
                    window.match_media("(prefers-color-scheme: dark)").ok().flatten()
                })
                .is_some_and(|query| query.matches()),
        };
        let root = window()
            .and_then(|window| window.document())
            .and_then(|document| document.document_element());
        if let Some(root) = root {
            let _ = match dark {
                true => root.class_list().add_1("dark"),
                false => root.class_list().remove_1("dark"),
            };
        }
    }
}

/// Calls `handler` for every key press on the page, for shortcuts.
pub fn on_keydown(handler: impl Fn(web_sys::KeyboardEvent) + 'static) {
    let Some(window) = window() else { return };
    let closure = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(handler);
    let _ = window.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Calls `handler` when the page is hidden or left (reload, navigation, tab closed), the
/// last moment to save state.
pub fn on_page_hide(handler: impl Fn() + 'static) {
    let Some(window) = window() else { return };
    let closure = Closure::<dyn Fn()>::new(handler);
    let _ = window.add_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Whether the key press happened in a text field, where shortcuts must not fire.
pub fn typing_in_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(target) = event.target().and_then(|target| target.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    // A checkbox or radio (the Composer's switches) takes no text: shortcuts still apply.
    let choice = matches!(target.get_attribute("type").as_deref(), Some("checkbox" | "radio"));
    (matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") && !choice)
        || target.get_attribute("contenteditable").is_some()
}

/// Focuses the first element matching `selector`.
pub fn focus(selector: &str) {
    let element = window()
        .and_then(|window| window.document())
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
