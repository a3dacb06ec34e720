//! The command-line subcommands other than `serve`: thin wrappers that read files, call
//! the pure core in `shared`, print, and choose an exit code.

pub mod fleet;
pub mod lint;
mod walk;

use std::io::Write;
use std::path::{Path, PathBuf};

/// Exit codes shared by the subcommands: 0 clean, 1 findings, 2 usage or IO error.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

/// Prints to stdout; a closed pipe (`nixstudio rules | head`) is not an error.
pub fn print_out(text: &str) -> u8 {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Ok(()) => EXIT_CLEAN,
        // A closed pipe (`nixstudio rules | head`) is not an error worth a message.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(error) => {
            eprintln!("nixstudio: cannot write output: {error}");
            EXIT_ERROR
        }
    }
}

/// A file could not be written; the original is untouched.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Writes through a temporary file in the same folder and a rename, so a failure never
/// leaves a half-written file.
pub fn write_atomically(path: &Path, text: &str) -> Result<(), WriteError> {
    let write_error = |source| WriteError { path: path.to_owned(), source };
    let folder =
        path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    let temporary = folder.join(format!(".{name}.nixstudio-fix"));
    std::fs::write(&temporary, text).map_err(write_error)?;
    if let Ok(metadata) = std::fs::metadata(path) {
        std::fs::set_permissions(&temporary, metadata.permissions()).map_err(write_error)?;
    }
    std::fs::rename(&temporary, path).map_err(|source| {
        let _ = std::fs::remove_file(&temporary);
        write_error(source)
    })
}
