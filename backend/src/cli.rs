//! The `nixstudio` command line: one subcommand per job.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(name = "nixstudio", version, about = "A studio for multi-host NixOS flake repositories")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the studio: the web app and its JSON API.
    Serve(ServeArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The fleet's git repository. Without it, the bundled demo fleet is copied into the
    /// data directory on first run and served from there.
    #[arg(long, env = "NIXSTUDIO_REPO")]
    pub repo: Option<PathBuf>,
    /// Address to listen on; port 0 picks a free port.
    #[arg(long, env = "NIXSTUDIO_LISTEN", default_value = "127.0.0.1:8470")]
    pub listen: SocketAddr,
    /// Where the studio keeps its database and the demo fleet
    /// [default: $XDG_DATA_HOME/nixstudio or ~/.local/share/nixstudio].
    #[arg(long, env = "NIXSTUDIO_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// sqlite://PATH or postgres://USER:PASSWORD@HOST/DB [default: sqlite in the data dir].
    #[arg(long, env = "NIXSTUDIO_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Who commits the studio's changes, as "Name <email>"
    /// [default: the repository's git config user, else "nixstudio <nixstudio@localhost>"].
    #[arg(long, env = "NIXSTUDIO_GIT_AUTHOR", value_parser = parse_git_author)]
    pub git_author: Option<GitAuthor>,
}

/// A commit author given on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitAuthor {
    pub name: String,
    pub email: String,
}

/// Parses `Name <email>`.
pub fn parse_git_author(text: &str) -> Result<GitAuthor, String> {
    let malformed =
        || format!("{text:?} is not \"Name <email>\", e.g. \"Alex <alex@example.org>\"");
    let (name, rest) = text.trim().split_once('<').ok_or_else(malformed)?;
    let email = rest.strip_suffix('>').ok_or_else(malformed)?.trim();
    let name = name.trim();
    if name.is_empty() || email.is_empty() || email.contains(['<', '>']) {
        return Err(malformed());
    }
    Ok(GitAuthor { name: name.to_owned(), email: email.to_owned() })
}
