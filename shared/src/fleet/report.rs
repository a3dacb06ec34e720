//! Plain-text renderings of the fleet model for the CLI (`nixstudio fleet`).

use std::fmt::Write;

use super::undeclared::{self, entry_name};
use super::{Fleet, Host, OptionDecl};

/// `nixstudio fleet PATH`: one row per host (template, hardware profile, toggles set),
/// then the problems.
pub fn summary(fleet: &Fleet) -> String {
    let header = ["HOST", "ENTRY", "TEMPLATE", "HARDWARE", "TOGGLES"];
    let rows: Vec<[String; 5]> = fleet
        .hosts
        .iter()
        .map(|host| {
            [
                host.name.clone(),
                host.entry.clone(),
                host.template.as_ref().map_or("-".to_owned(), |used| used.name.clone()),
                hardware_text(host),
                host.values.len().to_string(),
            ]
        })
        .collect();
    let mut out = table(&header, &rows);
    let toggles = fleet.toggles().count();
    let _ = writeln!(
        out,
        "\n{} hosts, {} options ({toggles} toggles), {} dependencies, {} problems",
        fleet.hosts.len(),
        fleet.options.len(),
        fleet.dependencies.len(),
        fleet.problems.len()
    );
    for problem in &fleet.problems {
        let _ = writeln!(out, "  {problem}");
    }
    out
}

fn hardware_text(host: &Host) -> String {
    let profile = host.hardware_profile.clone().unwrap_or_else(|| "-".to_owned());
    match host.nixos_hardware.len() {
        0 => profile,
        count => format!("{profile} (+{count} nixos-hardware)"),
    }
}

/// `nixstudio fleet PATH --host NAME`: every toggle with the host's value, where it comes
/// from, and whether the host can use it. `Err` names the known hosts.
pub fn host_toggles(fleet: &Fleet, host_name: &str) -> Result<String, String> {
    let Some(host) = fleet.host(host_name) else {
        let known: Vec<&str> = fleet.hosts.iter().map(|host| host.name.as_str()).collect();
        return Err(format!("unknown host `{host_name}`; hosts are: {}", known.join(", ")));
    };
    let header = ["CATEGORY", "OPTION", "VALUE", "SOURCE", "AVAILABLE"];
    let mut toggles: Vec<&OptionDecl> = fleet.toggles().collect();
    crate::sort::sort_by(&mut toggles, |left, right| {
        (&left.category, &left.path).cmp(&(&right.category, &right.path))
    });
    let rows: Vec<[String; 5]> = toggles
        .into_iter()
        .map(|option| {
            let available = host.has(option);
            let (value, source) = match host.values.get(&option.path) {
                Some(set) => {
                    let wrapper = set
                        .priority
                        .as_ref()
                        .map(|p| format!(" ({})", p.wrapper))
                        .unwrap_or_default();
                    let origin = if set.shared { " [shared]" } else { "" };
                    (
                        format!("{}{wrapper}", set.value),
                        format!("{}:{}{origin}", set.file, set.line),
                    )
                }
                None if option.undeclared && available => {
                    ("-".to_owned(), "not set (NixOS default)".to_owned())
                }
                None if option.undeclared => ("-".to_owned(), "not set".to_owned()),
                None => (
                    option.default.as_ref().map_or("-".to_owned(), ToString::to_string),
                    "default".to_owned(),
                ),
            };
            let available = match (available, option.undeclared) {
                (true, _) => "yes".to_owned(),
                (false, false) => format!("no (needs {})", option.declared_in),
                (false, true) => match undeclared::named_entry(&option.path) {
                    Some(entry) => format!("no (no `{}` here)", entry_name(entry)),
                    None => "no (declared out of sight)".to_owned(),
                },
            };
            [option.category.clone(), option.path.clone(), value, source, available]
        })
        .collect();
    let mut out = format!("host {} ({})\n", host.name, host.entry);
    out.push_str(&table(&header, &rows));
    if !host.nixos_hardware.is_empty() {
        out.push_str(&format!("\nnixos-hardware: {}\n", host.nixos_hardware.join(", ")));
    }
    if !fleet.optional_modules.is_empty() {
        let rows: Vec<[String; 3]> = fleet
            .optional_modules
            .iter()
            .map(|module| {
                let on = module.hosts.iter().any(|name| name == host_name);
                let state = if on { "on" } else { "off" };
                [module.name.clone(), state.to_owned(), module.file.clone()]
            })
            .collect();
        out.push('\n');
        out.push_str(&table(&["OPTIONAL MODULE", "STATE", "FILE"], &rows));
    }
    Ok(out)
}

fn table<const N: usize>(header: &[&str; N], rows: &[[String; N]]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|title| title.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: Vec<&str>| {
        let mut text = String::new();
        for (index, cell) in cells.iter().enumerate() {
            let _ = write!(text, "{cell:<width$}  ", width = widths[index]);
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(header.to_vec());
    for row in rows {
        line(row.iter().map(String::as_str).collect());
    }
    out
}
