//! Integration tests of the fleet model.

mod demo;
mod discover;
mod edit;
mod generated;
#[cfg(not(target_arch = "wasm32"))]
mod incremental;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod report;
mod undeclared;

use shared::files::FileSet;

/// Builds a file set from a fixture where each file starts with a `//- path` line.
pub fn fileset(fixture: &str) -> FileSet {
    let mut files = FileSet::new();
    let mut current: Option<(String, String)> = None;
    for line in fixture.lines() {
        if let Some(path) = line.strip_prefix("//- ") {
            if let Some((path, content)) = current.take() {
                files.insert(&path, content).unwrap();
            }
            current = Some((path.trim().to_owned(), String::new()));
            continue;
        }
        if let Some((_, content)) = current.as_mut() {
            content.push_str(line);
            content.push('\n');
        }
    }
    if let Some((path, content)) = current {
        files.insert(&path, content).unwrap();
    }
    files
}

/// A small fleet in the shapes FIELD.md describes.
pub const SMALL_FLEET: &str = r#"
//- flake.nix
{
  inputs.nixos-hardware.url = "github:NixOS/nixos-hardware";
  outputs = { self, nixpkgs, ... }@inputs:
    let
      mkHost = name: {
        specialArgs = { inherit inputs; };
        modules = [ ./hosts/${name}/configuration.nix ];
      };
    in {
      nixosConfigurations = {
        alpha = nixpkgs.lib.nixosSystem (mkHost "alpha");
        # beta = nixpkgs.lib.nixosSystem (mkHost "beta");
        gamma = nixpkgs.lib.nixosSystem (mkHost "gamma");
      };
      nixosConfigurations.delta = nixpkgs.lib.nixosSystem {
        modules = [ ./hosts/delta ];
      };
    };
}
//- hosts/alpha/configuration.nix
{ inputs, lib, ... }:
let
  hostTypes = import ../../templates { inherit inputs; };
  vars = import ./variables.nix { };
in {
  # The workstation template's imports, plus local bits.
  imports = hostTypes.workstation.imports ++ [
    ./hardware-configuration.nix
    ../../modules/services/docker.nix
    inputs.nixos-hardware.nixosModules.common-cpu-amd
  ];

  features = {
    development = {
      enable = true; # I code here
      python = lib.mkForce false;
    };
  };
  features.desktop.manager = "gnome";
  services.docker.enable = vars.wantDocker;
}
//- hosts/alpha/hardware-configuration.nix
{ ... }: { boot.loader.systemd-boot.enable = true; }
//- hosts/alpha/variables.nix
{ }: {
  wantDocker = true;
  hardware = import ../../hardware-profiles/amd.nix;
}
//- hosts/gamma/configuration.nix
{ lib, ... }: {
  imports = [
    ../../templates/server.nix
    (import ../../modules/extra.nix { })
    (builtins.readDir ./nixos)
  ];
  features.development.enable = lib.mkDefault false;
}
//- hosts/delta/default.nix
{ ... }: {
  imports = [ ../../modules/hardware/intel.nix ../../modules/services ];
}
//- templates/default.nix
{ inputs }: {
  workstation = import ./workstation.nix { inherit inputs; };
  server = import ./server.nix;
}
//- templates/workstation.nix
{ inputs }: {
  imports = [ ../modules/features.nix ../modules/desktop/gnome.nix ];
  config = { features.development.enable = true; };
}
//- templates/server.nix
{ lib, ... }: {
  imports = [ ../modules/features.nix ];
  config.features.development.python = lib.mkDefault true;
}
//- modules/features.nix
{ lib, ... }:
with lib;
{
  options.features = {
    development = {
      enable = mkEnableOption "development tools";
      python = mkOption {
        type = types.bool;
        default = true;
        description = "Python toolchain.";
      };
    };
  };
}
//- modules/desktop/gnome.nix
{ config, lib, ... }:
let
  inherit (lib) mkOption types mkIf;
  cfg = config.features.desktop;
in {
  options.features.desktop.manager = mkOption {
    type = types.enum [ "gnome" "kde" "none" ];
    default = "none";
    description = lib.mdDoc "Desktop environment.";
  };
  config = mkIf (cfg.manager == "gnome") { services.xserver.enable = true; };
}
//- modules/services/default.nix
{ ... }: { imports = [ ./docker.nix ]; }
//- modules/services/docker.nix
{ config, lib, ... }:
let cfg = config.services.docker;
in {
  options.services.docker.enable = lib.mkEnableOption "docker";
  options.services.docker.rootless = lib.mkEnableOption "rootless docker";
  config = lib.mkIf cfg.enable {
    assertions = [
      {
        assertion = cfg.rootless -> config.features.development.enable;
        message = "rootless docker needs development tools";
      }
      {
        assertion = !config.features.virt.enable;
        message = "docker and virt conflict";
      }
    ];
  };
}
//- modules/virt.nix
{ lib, ... }: { options.features.virt.enable = lib.mkEnableOption "virtualisation"; }
//- modules/extra.nix
{ }: { lib, ... }: { options.features.extra.level = lib.mkOption { type = lib.types.int; default = 3; }; }
//- modules/hardware/intel.nix
{ config, ... }: { hardware.cpu.intel.updateMicrocode = true; }
//- hardware-profiles/amd.nix
{ gpu = "amd"; videoDrivers = [ "amdgpu" ]; }
//- modules/broken.nix
{ options.x = ;
"#;

/// The demo fleet under `examples/demo-fleet`, read from disk (text files only).
pub fn demo_fleet() -> FileSet {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/demo-fleet");
    let mut files = FileSet::new();
    let mut pending = vec![root.clone()];
    while let Some(directory) = pending.pop() {
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let Ok(content) = std::fs::read_to_string(&path) else { continue };
            let relative = path.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(&relative, content).unwrap();
        }
    }
    files
}
