//! The `nixstudio` binary: parse the command line, set up logging, run the subcommand.

use std::process::ExitCode;

use backend::cli::{Cli, Command};
use backend::commands;
use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let usage_error = error.use_stderr();
            let _ = error.print();
            return ExitCode::from(if usage_error {
                commands::EXIT_ERROR
            } else {
                commands::EXIT_CLEAN
            });
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_env("NIXSTUDIO_LOG")
                .unwrap_or_else(|_| EnvFilter::new("info,tower_http=info,sqlx=warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Lint(args) => ExitCode::from(commands::lint::run(&args)),
        Command::Fleet(args) => ExitCode::from(commands::fleet::run_fleet(&args)),
        Command::Set(args) => ExitCode::from(commands::fleet::run_set(&args)),
        Command::Rules => ExitCode::from(commands::lint::rules()),
        Command::Explain { rule } => ExitCode::from(commands::lint::explain(&rule)),
        Command::Serve(args) => {
            let runtime = match tokio::runtime::Runtime::new() {
                Ok(runtime) => runtime,
                Err(error) => {
                    eprintln!("nixstudio: cannot start the async runtime: {error}");
                    return ExitCode::FAILURE;
                }
            };
            match runtime.block_on(backend::serve::run(args)) {
                Ok(()) => ExitCode::SUCCESS,
                Err(error) => {
                    eprintln!("nixstudio serve: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
