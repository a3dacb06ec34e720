//! The URLs of the studio's pages. File paths and host names go into a URL
//! percent-encoded segment by segment, so `hosts/my box/a#b.nix` links to itself rather
//! than to a fragment; the pages decode what the router hands them with [`param`].

/// `/files/{path}`; a module written inline in a file (see
/// [`shared::fleet::module_file`]) links to its file.
pub fn file(path: &str) -> String {
    let mut href = String::from("/files");
    for segment in shared::fleet::module_file(path).split('/') {
        href.push('/');
        href.push_str(&encode(segment));
    }
    href
}

/// `/files/{path}?line={line}`: the File editor with a 1-based line highlighted.
pub fn file_at(path: &str, line: u32) -> String {
    format!("{}?line={line}", file(path))
}

/// `/hosts/{name}`: the Composer of one host.
pub fn host(name: &str) -> String {
    format!("/hosts/{}", encode(name))
}

/// A path parameter as the person meant it. The router decodes the URL with
/// `decodeURI`, which leaves escapes of reserved characters (`%23` for `#`, `%3F` for
/// `?`) in place; this decodes those too, and keeps text that is not an escape (a `%`
/// in a file name) as it is.
pub fn param(raw: String) -> String {
    match js_sys::decode_uri_component(&raw) {
        Ok(decoded) => decoded.into(),
        Err(_) => raw,
    }
}

/// One URL path segment or query value, percent-encoded.
pub fn encode(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}
