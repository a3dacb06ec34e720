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
    /// Lint Nix files with the same engine the studio runs in the browser.
    Lint(LintArgs),
    /// List every lint rule with its default severity.
    Rules,
    /// Show the fleet of a repository on disk: hosts, templates, hardware, toggles.
    Fleet(FleetArgs),
    /// Set or unset toggles on a host, editing its files in place.
    Set(SetArgs),
    /// Print the documentation of one lint rule.
    Explain {
        /// The rule's code, e.g. `bool_comparison`.
        rule: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Files or folders (searched recursively, honouring .gitignore) [default: .].
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value = "human")]
    pub format: LintFormat,
    /// Apply safe fixes in place.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the unified diff instead of writing.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
    /// A nixstudio.toml (its [lint] section) or statix.toml to use instead of the one at
    /// the repository root.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Exit with 1 when a finding is at least this severe.
    #[arg(long, default_value = "warning", value_parser = ["error", "warning", "info"])]
    pub fail_on: String,
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

#[derive(Debug, Args)]
pub struct FleetArgs {
    /// The repository's folder.
    #[arg(default_value = ".")]
    pub path: PathBuf,
    /// The full model as JSON: hosts, options, dependencies, problems.
    #[arg(long, conflicts_with = "host")]
    pub json: bool,
    /// One host's toggles with value, source and availability.
    #[arg(long)]
    pub host: Option<String>,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The repository's folder.
    pub path: PathBuf,
    /// The host to change.
    #[arg(long)]
    pub host: String,
    /// OPTION=VALUE, e.g. `features.development.python=true` or
    /// `features.desktop.displayManager=sddm`.
    #[arg(value_name = "OPTION=VALUE")]
    pub assignments: Vec<String>,
    /// Remove the host's own setting of OPTION (repeatable).
    #[arg(long, value_name = "OPTION")]
    pub unset: Vec<String>,
    /// Print the diff instead of writing.
    #[arg(long)]
    pub dry_run: bool,
}
