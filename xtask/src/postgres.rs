//! A throw-away PostgreSQL server for the tests, on a free loopback port, owned by the
//! `postgres` system user when we run as root. Stopped when dropped.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Failure;

pub struct TempPostgres {
    bin_dir: PathBuf,
    data_dir: PathBuf,
    as_root: bool,
    pub url: String,
}

fn bin_dir() -> Option<PathBuf> {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("initdb").is_file())
        .collect();
    versions.sort();
    versions.pop()
}

fn free_port() -> Result<u16, Failure> {
    let listener = TcpListener::bind("127.0.0.1:0")
        .map_err(|error| Failure::new(format!("no free port for PostgreSQL: {error}")))?;
    listener
        .local_addr()
        .map(|address| address.port())
        .map_err(|error| Failure::new(format!("no free port for PostgreSQL: {error}")))
}

impl TempPostgres {
    pub fn start() -> Result<TempPostgres, Failure> {
        let bin_dir = bin_dir().ok_or_else(|| {
            Failure::new("PostgreSQL is not installed (Debian package postgresql)".to_owned())
        })?;
        let as_root = Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0");
        let data_dir = std::env::temp_dir().join(format!("nixstudio-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&data_dir);
        std::fs::create_dir_all(&data_dir).map_err(|error| {
            Failure::new(format!("cannot create {}: {error}", data_dir.display()))
        })?;
        let port = free_port()?;
        let server = TempPostgres {
            bin_dir,
            data_dir,
            as_root,
            url: format!("postgres://nixstudio@127.0.0.1:{port}/postgres"),
        };
        if as_root {
            server.run(Command::new("chown").arg("postgres:postgres").arg(&server.data_dir))?;
        }
        let data = server.data_dir.to_string_lossy().into_owned();
        server.run(&mut server.tool(
            "initdb",
            &["-D", &data, "-U", "nixstudio", "--auth=trust", "--no-sync", "-E", "UTF8"],
        ))?;
        let options = format!("-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off");
        let log = format!("{data}/server.log");
        server.run(
            &mut server.tool("pg_ctl", &["-D", &data, "-o", &options, "-l", &log, "-w", "start"]),
        )?;
        Ok(server)
    }

    fn tool(&self, name: &str, args: &[&str]) -> Command {
        let program = self.bin_dir.join(name);
        match self.as_root {
            true => {
                let mut command = Command::new("runuser");
                command.args(["-u", "postgres", "--"]).arg(program).args(args);
                command
            }
            false => {
                let mut command = Command::new(program);
                command.args(args);
                command
            }
        }
    }

    fn run(&self, command: &mut Command) -> Result<(), Failure> {
        let output = command
            .current_dir(Path::new("/"))
            .output()
            .map_err(|error| Failure::new(format!("cannot run {command:?}: {error}")))?;
        if !output.status.success() {
            return Err(Failure::new(format!(
                "{command:?} failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )));
        }
        Ok(())
    }
}

impl Drop for TempPostgres {
    fn drop(&mut self) {
        let data = self.data_dir.to_string_lossy().into_owned();
        let _ = self.run(&mut self.tool("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]));
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}
