//! Files built into the binary: the web app (Trunk's output) and the demo fleet.

use std::collections::HashMap;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// The web app's files by path (`index.html`, `frontend-<hash>.wasm`, ...).
#[derive(Debug, Clone, Default)]
pub struct WebApp {
    files: HashMap<String, &'static [u8]>,
}

impl WebApp {
    /// The web app embedded at build time; empty when the binary was built without one.
    pub fn embedded() -> WebApp {
        WebApp::from_files(embedded::WEB_APP.iter().copied())
    }

    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'static [u8])>) -> WebApp {
        WebApp { files: files.into_iter().map(|(path, bytes)| (path.to_owned(), bytes)).collect() }
    }

    pub fn get(&self, path: &str) -> Option<&'static [u8]> {
        self.files.get(path).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// The demo fleet repository's files, path and bytes.
pub fn demo_fleet() -> &'static [(&'static str, &'static [u8])] {
    embedded::DEMO_FLEET
}

/// The `Content-Type` for a file name.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, extension)| extension).unwrap_or("");
    match extension {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
