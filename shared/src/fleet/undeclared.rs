//! Toggles for options the repository sets but does not declare.
//!
//! `services.openssh.enable = true;` in a host's own files sets an option of NixOS (or of
//! a flake input's module). Many repositories declare no options of their own, and their
//! owners still think of these settings as the host's features, so the studio offers each
//! one as a toggle: flipping it where it is set is a one-line edit, and setting it on
//! another host adds one line to that host's entry file. Its default is NixOS's, which the
//! studio does not know.
//!
//! An option under one of NixOS's own top-level names (`services`, `boot`, …) exists on
//! every host. Any other (`wsl.enable`, `stylix.enable`) comes from a module the studio
//! cannot see — a flake input's, or one a library builds at evaluation time — and that
//! only some hosts may import: it exists on the hosts that set it, and on those importing
//! the NixOS module of the input it is named after (`home-manager.*`, see [`from_input`]);
//! setting it elsewhere could give a host that fails to evaluate. So does a setting of an
//! entry the host names (`networking.interfaces.ens33.useDHCP`): it exists on the hosts
//! whose modules set anything under that entry; another host has other interfaces.
//!
//! Only settings to `true` or `false` (`mkForce`/`mkDefault` included) in the files whose
//! settings are a host's choices count (see [`super::values::choice_files`]); a shared
//! module's `mkIf cfg.enable { … }` is its own condition, not a host's choice. Paths the
//! repository declares, or that fall inside a declared option (an attribute-set option's
//! keys), are left to the declaration.

use super::cache::FileMemo;
use super::config::FleetConfig;
use super::hash::PathSet;
use super::options::category;
use super::sources::Sources;
use super::values::{self, Setting};
use super::{OptionDecl, OptionKind, Value};
use crate::text::ByteRange;

/// One toggle per option path set to a bool in some host's choice files and declared
/// nowhere, in no particular order (the caller sorts the whole catalogue). `declared` is
/// sorted by path; `memo` is [`values::of_file`]'s.
pub fn toggles(
    sources: &Sources,
    config: &FleetConfig,
    declared: &[&OptionDecl],
    choice_files: &[Vec<(&str, bool)>],
    memo: &mut FileMemo<Vec<Setting>>,
) -> Vec<OptionDecl> {
    for &(file, _) in choice_files.iter().flatten() {
        values::of_file(sources, config, file, memo);
    }
    // Hosts share files and set the same options: collect each path once, without copying.
    let memo = &*memo;
    let mut set_to_bools: PathSet<&str> = PathSet::default();
    for &(file, _) in choice_files.iter().flatten() {
        let Some(content) = sources.content(file) else { continue };
        let Some(settings) = memo.get(file, content) else { continue };
        set_to_bools.extend(
            settings
                .iter()
                .filter(|setting| matches!(setting.value.value, Value::Bool(_)))
                .map(|setting| setting.option_path.as_str()),
        );
    }
    set_to_bools
        .into_iter()
        .filter(|path| !is_declared(declared, path))
        .map(|path| OptionDecl {
            category: category("", &path.split('.').map(str::to_owned).collect::<Vec<_>>()),
            path: path.to_owned(),
            kind: OptionKind::Bool,
            default: None,
            description: None,
            declared_in: String::new(),
            range: ByteRange::empty(0),
            toggle: true,
            undeclared: true,
        })
        .collect()
}

/// NixOS's own top-level option names: an undeclared option under one of these is NixOS's
/// and exists on every host. Sorted.
const NIXOS_NAMESPACES: [&str; 30] = [
    "appstream",
    "boot",
    "console",
    "containers",
    "documentation",
    "environment",
    "fileSystems",
    "fonts",
    "gtk",
    "hardware",
    "i18n",
    "location",
    "networking",
    "nix",
    "nixpkgs",
    "powerManagement",
    "programs",
    "qt",
    "security",
    "services",
    "sound",
    "specialisation",
    "swapDevices",
    "system",
    "systemd",
    "time",
    "users",
    "virtualisation",
    "xdg",
    "zramSwap",
];

/// NixOS options (and those of disko's and home-manager's modules) holding one entry per
/// name a host picks: its network interfaces, users, file systems, disks, services,
/// virtual hosts. `networking.interfaces.ens33.useDHCP` is a
/// setting of the host that has `ens33`; another host has other names. Sorted.
const NAMED_ENTRIES: [&str; 36] = [
    "boot.binfmt.registrations",
    "boot.initrd.luks.devices",
    "containers",
    "disko.devices.disk",
    "disko.devices.zpool",
    "environment.etc",
    "fileSystems",
    "home-manager.users",
    "networking.bonds",
    "networking.bridges",
    "networking.firewall.interfaces",
    "networking.interfaces",
    "networking.vlans",
    "networking.wg-quick.interfaces",
    "networking.wireguard.interfaces",
    "nix.registry",
    "programs.ssh.knownHosts",
    "security.acme.certs",
    "services.borgbackup.jobs",
    "services.caddy.virtualHosts",
    "services.httpd.virtualHosts",
    "services.nginx.virtualHosts",
    "services.restic.backups",
    "services.syncthing.settings.devices",
    "services.syncthing.settings.folders",
    "specialisation",
    "systemd.network.netdevs",
    "systemd.network.networks",
    "systemd.services",
    "systemd.sockets",
    "systemd.timers",
    "systemd.user.services",
    "systemd.user.timers",
    "users.groups",
    "users.users",
    "virtualisation.oci-containers.containers",
];

/// Whether the undeclared option `path`, no setting of a [`named_entry`], is NixOS's own,
/// so every host has it; else it belongs to a module only the hosts that set it are known
/// to import.
pub fn on_every_host(path: &str) -> bool {
    let namespace = path.split('.').next().unwrap_or(path);
    NIXOS_NAMESPACES.binary_search(&namespace).is_ok()
}

/// Whether the undeclared option `path` is one the NixOS module of flake input `input`
/// declares, by the habit of naming the options after the input: `home-manager.*` for
/// `home-manager`, `sops.*` for `sops-nix`, `wsl.*` for `nixos-wsl`.
pub fn from_input(path: &str, input: &str) -> bool {
    let namespace = path.split('.').next().unwrap_or(path);
    let stem = input.strip_suffix("-nix").unwrap_or(input);
    let stem = stem.strip_prefix("nixos-").unwrap_or(stem);
    namespace == input || namespace == stem
}

/// The named entry `path` is a setting of (`networking.interfaces.ens33` for
/// `networking.interfaces.ens33.useDHCP`), when it is one.
pub fn named_entry(path: &str) -> Option<&str> {
    entry_of(path).filter(|entry| entry.len() < path.len())
}

/// The named entry `path` sets, or sets something under: `users.users.alice` for
/// `users.users.alice.linger` and for `users.users.alice` itself.
pub fn entry_of(path: &str) -> Option<&str> {
    NAMED_ENTRIES.iter().find_map(|entries| {
        let name_and_rest = path.strip_prefix(entries)?.strip_prefix('.')?;
        let name = name_and_rest.split('.').next().filter(|name| !name.is_empty())?;
        Some(&path[..entries.len() + 1 + name.len()])
    })
}

/// The name a [`named_entry`] is under: `ens33` for `networking.interfaces.ens33`.
pub fn entry_name(entry: &str) -> &str {
    entry.rsplit('.').next().unwrap_or(entry)
}

/// Whether `path`, or an option it falls inside, is declared.
fn is_declared(declared: &[&OptionDecl], path: &str) -> bool {
    let found =
        |prefix: &str| declared.binary_search_by(|option| option.path.as_str().cmp(prefix)).is_ok();
    found(path) || path.match_indices('.').any(|(dot, _)| found(&path[..dot]))
}
