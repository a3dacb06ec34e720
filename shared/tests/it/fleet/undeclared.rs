//! Toggles for options a repository sets but does not declare (NixOS's own).

use shared::fleet::{SetRequest, ToggleValue, Value, discover, report, set_toggles};

use super::fileset;

/// Two hosts and no option declarations of their own beyond one attribute-set option.
const NO_OPTIONS: &str = r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations.a = nixpkgs.lib.nixosSystem { modules = [ ./hosts/a/configuration.nix ]; };
    nixosConfigurations.b = nixpkgs.lib.nixosSystem { modules = [ ./hosts/b/configuration.nix ]; };
  };
}
//- hosts/a/configuration.nix
{ lib, ... }:
{
  imports = [ ../../modules/common.nix ../../modules/flags.nix ];
  networking.hostName = "a";
  services.openssh.enable = true;
  services.tailscale = {
    enable = true;
  };
  programs.zsh.enable = lib.mkForce false;
  my.flags.fast = true;
  wsl.enable = true;
}
//- hosts/b/configuration.nix
{ ... }:
{
  imports = [ ../../modules/common.nix ];
  services.openssh.enable = false;
}
//- modules/common.nix
{ config, lib, ... }:
{
  services.printing.enable = true;
  services.nginx.enable = lib.mkIf config.services.openssh.enable true;
}
//- modules/flags.nix
{ lib, ... }:
{
  options.my.flags = lib.mkOption {
    type = lib.types.attrsOf lib.types.bool;
    default = { };
  };
}
"#;

fn change(host: &str, option: &str, on: bool) -> String {
    let files = fileset(NO_OPTIONS);
    let fleet = discover(&files);
    let request = SetRequest { option: option.to_owned(), value: ToggleValue::Bool(on) };
    let change = set_toggles(&files, &fleet, host, &[request]).expect("allowed");
    assert!(change.notes.is_empty(), "{:?}", change.notes);
    change.diff.lines().filter(|line| line.starts_with(['+', '-'])).collect::<Vec<_>>().join("\n")
}

#[test]
fn bool_settings_of_a_hosts_own_files_are_toggles() {
    let fleet = discover(&fileset(NO_OPTIONS));
    let undeclared: Vec<&str> = fleet
        .toggles()
        .filter(|option| option.undeclared)
        .map(|option| option.path.as_str())
        .collect();
    // Not: the string hostName, the shared module's settings (its own choice, or under its
    // own condition), nor a key inside the declared `my.flags`.
    assert_eq!(
        undeclared,
        [
            "programs.zsh.enable",
            "services.openssh.enable",
            "services.tailscale.enable",
            "wsl.enable"
        ]
    );
    let openssh = fleet.option("services.openssh.enable").expect("offered");
    let hosts: Vec<&str> = fleet.hosts_with(openssh).map(|host| host.name.as_str()).collect();
    assert_eq!(hosts, ["a", "b"]);
    assert_eq!(openssh.category, "services");
    assert_eq!(openssh.default, None);
    let (a, b) = (fleet.host("a").expect("a"), fleet.host("b").expect("b"));
    assert_eq!(a.value(openssh), Some(&Value::Bool(true)));
    assert_eq!(b.value(openssh), Some(&Value::Bool(false)));
    let zsh = fleet.option("programs.zsh.enable").expect("offered");
    let forced = &a.values["programs.zsh.enable"];
    assert_eq!(
        (&forced.value, forced.priority.as_ref().map(|p| p.wrapper.as_str())),
        (&Value::Bool(false), Some("mkForce"))
    );
    assert_eq!(
        b.value(zsh),
        None,
        "b leaves it to NixOS's default, which the studio does not know"
    );
}

#[test]
fn flipping_one_is_a_one_line_edit_where_it_is_set_or_not() {
    assert_eq!(
        change("b", "services.openssh.enable", true),
        "--- a/hosts/b/configuration.nix\n+++ b/hosts/b/configuration.nix\n-  services.openssh.enable = false;\n+  services.openssh.enable = true;"
    );
    assert_eq!(
        change("a", "services.tailscale.enable", false),
        "--- a/hosts/a/configuration.nix\n+++ b/hosts/a/configuration.nix\n-    enable = true;\n+    enable = false;"
    );
    let added = change("b", "programs.zsh.enable", true);
    let body = |sign: char| {
        added
            .lines()
            .filter(|line| line.starts_with(sign) && !line.starts_with(&sign.to_string().repeat(3)))
            .count()
    };
    assert_eq!((body('+'), body('-')), (1, 0), "{added}");
    assert!(added.contains("+  programs.zsh.enable = true;"), "{added}");
}

#[test]
fn toggle_roots_leave_them_out() {
    let mut files = fileset(NO_OPTIONS);
    files.insert("nixstudio.toml", "[fleet]\ntoggle_roots = [\"my\"]\n".to_owned()).unwrap();
    let fleet = discover(&files);
    assert_eq!(fleet.toggles().filter(|option| option.undeclared).count(), 0);
}

#[test]
fn an_option_outside_nixos_names_exists_only_where_it_is_set() {
    let files = fileset(NO_OPTIONS);
    let fleet = discover(&files);
    let wsl = fleet.option("wsl.enable").expect("offered");
    let hosts: Vec<&str> = fleet.hosts_with(wsl).map(|host| host.name.as_str()).collect();
    assert_eq!(hosts, ["a"], "from a flake input's module only `a` is known to import");
    let b = fleet.host("b").expect("b");
    assert_eq!(b.value(wsl), None);
    let request = SetRequest { option: "wsl.enable".to_owned(), value: ToggleValue::Bool(true) };
    let refused = set_toggles(&files, &fleet, "b", &[request]).expect_err("b lacks the module");
    assert_eq!(
        refused.to_string(),
        "`wsl.enable` is declared nowhere the studio can read (a flake input's module, or one only built at evaluation time), and only a set it; make sure `b` imports that module, then set it by hand"
    );
    assert_eq!(change("a", "wsl.enable", false).lines().count(), 4);
    let listing = report::host_toggles(&fleet, "b").expect("b is a host");
    let row = listing.lines().find(|line| line.contains("wsl.enable")).expect("listed");
    let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|cell| !cell.is_empty()).collect();
    assert_eq!(cells, ["wsl", "wsl.enable", "-", "not set", "no (declared out of sight)"]);
}

/// Hosts naming their own network interfaces and users.
const NAMED_ENTRIES: &str = r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations.a = nixpkgs.lib.nixosSystem { modules = [ ./hosts/a/configuration.nix ]; };
    nixosConfigurations.b = nixpkgs.lib.nixosSystem { modules = [ ./hosts/b/configuration.nix ]; };
    nixosConfigurations.c = nixpkgs.lib.nixosSystem { modules = [ ./hosts/c/configuration.nix ]; };
  };
}
//- hosts/a/configuration.nix
{ ... }:
{
  networking.interfaces.ens33.useDHCP = true;
  users.users.alice.isNormalUser = true;
  zramSwap.enable = true;
}
//- hosts/b/configuration.nix
{ ... }:
{
  networking.interfaces.ens33.wakeOnLan.enable = true;
}
//- hosts/c/configuration.nix
{ ... }:
{
  networking.useDHCP = false;
}
"#;

#[test]
fn a_setting_of_a_named_entry_exists_where_the_entry_is_named() {
    let files = fileset(NAMED_ENTRIES);
    let fleet = discover(&files);
    let hosts_with = |path: &str| -> Vec<String> {
        let option = fleet.option(path).expect("offered");
        fleet.hosts_with(option).map(|host| host.name.clone()).collect()
    };
    assert_eq!(hosts_with("networking.interfaces.ens33.useDHCP"), ["a", "b"], "b names ens33 too");
    assert_eq!(hosts_with("users.users.alice.isNormalUser"), ["a"]);
    assert_eq!(hosts_with("zramSwap.enable"), ["a", "b", "c"], "NixOS's own, on every host");
    assert_eq!(hosts_with("networking.useDHCP"), ["a", "b", "c"]);
    let request = SetRequest {
        option: "networking.interfaces.ens33.useDHCP".to_owned(),
        value: ToggleValue::Bool(true),
    };
    let refused = set_toggles(&files, &fleet, "c", std::slice::from_ref(&request))
        .expect_err("no ens33 on c");
    assert_eq!(
        refused.to_string(),
        "`networking.interfaces.ens33.useDHCP` is a setting of `networking.interfaces.ens33`, which only a, b name; if `c` has `ens33` too, set it there by hand"
    );
    let on_b = set_toggles(&files, &fleet, "b", &[request]).expect("b names ens33");
    assert!(on_b.diff.contains("+  networking.interfaces.ens33.useDHCP = true;"), "{}", on_b.diff);
    let listing = report::host_toggles(&fleet, "c").expect("c is a host");
    let row = listing.lines().find(|line| line.contains("alice")).expect("listed");
    assert!(row.ends_with("no (no `alice` here)"), "{row}");
}
