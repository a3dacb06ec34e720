//! `nixstudio serve`: open the repository and the database, then serve until a signal.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::assets::{self, WebApp};
use crate::cli::ServeArgs;
use crate::db::{self, Database, DbError};
use crate::http::{self, AppState};
use crate::repo::{self, RepoError, RepoHandle};

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("no data directory: set --data-dir, NIXSTUDIO_DATA_DIR, XDG_DATA_HOME or HOME")]
    NoDataDir,
    #[error("cannot create the data directory {path}: {source}")]
    DataDir { path: PathBuf, source: io::Error },
    #[error(transparent)]
    Repo(#[from] RepoError),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error("{address} is already in use; choose another with --listen ADDRESS:PORT")]
    AddressInUse { address: std::net::SocketAddr },
    #[error("cannot listen on {address}: {source}")]
    Listen { address: std::net::SocketAddr, source: io::Error },
    #[error("the server stopped with an error: {0}")]
    Serve(io::Error),
}

/// `$XDG_DATA_HOME/nixstudio`, else `~/.local/share/nixstudio`.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(xdg) = std::env::var_os("XDG_DATA_HOME").filter(|value| !value.is_empty()) {
        return Some(PathBuf::from(xdg).join("nixstudio"));
    }
    let home = std::env::var_os("HOME").filter(|value| !value.is_empty())?;
    Some(PathBuf::from(home).join(".local").join("share").join("nixstudio"))
}

/// The repository to serve: the one given, or the demo fleet in the data directory,
/// created from the copy built into the binary on first run.
pub fn open_repository(repo: Option<&Path>, data_dir: &Path) -> Result<RepoHandle, RepoError> {
    if let Some(path) = repo {
        return RepoHandle::open(path);
    }
    let demo = data_dir.join("demo-fleet");
    if demo.exists() {
        return RepoHandle::open(&demo);
    }
    tracing::info!(path = %demo.display(), "creating the demo fleet repository");
    repo::create_from_files(&demo, assets::demo_fleet(), "Demo fleet, as bundled with nixstudio")
}

pub async fn run(args: ServeArgs) -> Result<(), ServeError> {
    let data_dir = match args.data_dir {
        Some(dir) => dir,
        None => default_data_dir().ok_or(ServeError::NoDataDir)?,
    };
    std::fs::create_dir_all(&data_dir)
        .map_err(|source| ServeError::DataDir { path: data_dir.clone(), source })?;
    let repo_path = args.repo.clone();
    let dir = data_dir.clone();
    let repo = tokio::task::spawn_blocking(move || open_repository(repo_path.as_deref(), &dir))
        .await
        .map_err(|error| ServeError::Serve(io::Error::other(error)))??;
    let database_url = args.database_url.unwrap_or_else(|| db::default_url(&data_dir));
    let db = Database::open(&database_url).await?;
    db.record_event("serve_started", &repo.path().display().to_string()).await?;

    let listener =
        tokio::net::TcpListener::bind(args.listen).await.map_err(|source| match source.kind() {
            io::ErrorKind::AddrInUse => ServeError::AddressInUse { address: args.listen },
            _ => ServeError::Listen { address: args.listen, source },
        })?;
    let address = listener.local_addr().map_err(ServeError::Serve)?;
    let shutdown = shutdown_signal()?;
    let web_app = WebApp::embedded();
    if web_app.is_empty() {
        tracing::warn!("this binary has no web app built in; run `cargo xtask build`");
    }
    let state = AppState {
        repo: repo.clone(),
        db: db.clone(),
        web_app: Arc::new(web_app),
        git_author: args.git_author,
    };
    tracing::info!(repo = %repo.path().display(), database = %db::redact(&database_url), "ready");
    println!("nixstudio is serving {} at http://{address}/", repo.path().display());

    axum::serve(listener, http::app(state))
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServeError::Serve)?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Registers for SIGINT (Ctrl-C) and SIGTERM now, so a signal that arrives while the
/// server is still starting is not lost, and returns a future that resolves on either.
fn shutdown_signal() -> Result<impl Future<Output = ()>, ServeError> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).map_err(ServeError::Serve)?;
    let mut terminate = signal(SignalKind::terminate()).map_err(ServeError::Serve)?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => tracing::info!("interrupted, shutting down"),
            _ = terminate.recv() => tracing::info!("terminated, shutting down"),
        }
    })
}
