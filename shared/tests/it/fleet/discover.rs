//! Discovery on small fixtures: hosts, import graphs, options, values, dependencies.

use expect_test::{Expect, expect};
use shared::fleet::{Fleet, discover};

use super::{SMALL_FLEET, fileset};

/// A compact, stable text rendering of everything discovery found.
pub fn render(fleet: &Fleet) -> String {
    let mut out = String::new();
    for host in &fleet.hosts {
        out.push_str(&format!("host {} <- {}\n", host.name, host.entry));
        if let Some(template) = &host.template {
            out.push_str(&format!(
                "  template {} ({}) {:?}\n",
                template.name, template.file, template.how
            ));
        }
        if !host.hardware_profiles.is_empty() || !host.nixos_hardware.is_empty() {
            out.push_str(&format!(
                "  hardware {:?} nixos-hardware {:?}\n",
                host.hardware_profiles, host.nixos_hardware
            ));
        }
        out.push_str(&format!("  imports {}\n", host.imports.join(" ")));
        for (path, value) in host.values.iter() {
            let priority =
                value.priority.as_ref().map(|p| format!(" [{}]", p.wrapper)).unwrap_or_default();
            let template = if value.shared { " (template)" } else { "" };
            out.push_str(&format!(
                "  {path} = {}{priority} at {}:{}{template}\n",
                value.value, value.file, value.line
            ));
        }
    }
    for option in fleet.options.iter() {
        let default = option.default.as_ref().map(ToString::to_string).unwrap_or_default();
        let hosts: Vec<&str> = fleet.hosts_with(option).map(|host| host.name.as_str()).collect();
        out.push_str(&format!(
            "option {} {:?} default={default} category={} in {} hosts={:?} toggle={}\n",
            option.path, option.kind, option.category, option.declared_in, hosts, option.toggle
        ));
    }
    for dependency in &fleet.dependencies {
        out.push_str(&format!(
            "dependency {}{} {:?} {} ({:?})\n",
            dependency.from,
            dependency.when.as_ref().map(|when| format!("=={when}")).unwrap_or_default(),
            dependency.kind,
            dependency.to,
            dependency.message
        ));
    }
    for template in &fleet.templates {
        out.push_str(&format!(
            "template {} {} {:?}\n",
            template.name, template.file, template.hosts
        ));
    }
    for profile in &fleet.hardware_profiles {
        out.push_str(&format!(
            "profile {} {} {:?} {:?}\n",
            profile.name, profile.file, profile.style, profile.hosts
        ));
    }
    for problem in &fleet.problems {
        out.push_str(&format!("problem {problem}\n"));
    }
    out
}

#[track_caller]
fn check(fixture: &str, expected: &Expect) {
    expected.assert_eq(&render(&discover(&fileset(fixture))));
}

#[test]
fn small_fleet() {
    check(
        SMALL_FLEET,
        &expect![[r#"
            host alpha <- hosts/alpha/configuration.nix
              template workstation (templates/workstation.nix) ImportsOnly
              hardware ["hardware-profiles/amd.nix"] nixos-hardware ["common-cpu-amd"]
              imports hosts/alpha/configuration.nix modules/features.nix modules/desktop/gnome.nix hosts/alpha/hardware-configuration.nix modules/services/docker.nix
              boot.loader.systemd-boot.enable = true at hosts/alpha/hardware-configuration.nix:1
              features.desktop.manager = "gnome" at hosts/alpha/configuration.nix:19
              features.development.enable = true at hosts/alpha/configuration.nix:15
              features.development.python = false [mkForce] at hosts/alpha/configuration.nix:16
              services.docker.enable = vars.wantDocker at hosts/alpha/configuration.nix:20
            host gamma <- hosts/gamma/configuration.nix
              template server (templates/server.nix) Applied
              imports hosts/gamma/configuration.nix templates/server.nix modules/features.nix modules/extra.nix
              features.development.enable = false [mkDefault] at hosts/gamma/configuration.nix:7
              features.development.python = true [mkDefault] at templates/server.nix:3 (template)
            host delta <- hosts/delta/default.nix
              hardware ["modules/hardware/intel.nix"] nixos-hardware []
              imports hosts/delta/default.nix modules/hardware/intel.nix modules/services/default.nix modules/services/docker.nix
            option boot.loader.systemd-boot.enable Bool default= category=boot in  hosts=["alpha", "gamma", "delta"] toggle=true
            option features.desktop.manager Enum { values: ["gnome", "kde", "none"] } default="none" category=desktop in modules/desktop/gnome.nix hosts=["alpha"] toggle=true
            option features.development.enable Bool default=false category=development in modules/features.nix hosts=["alpha", "gamma"] toggle=true
            option features.development.python Bool default=true category=development in modules/features.nix hosts=["alpha", "gamma"] toggle=true
            option features.extra.level Other { type_text: "lib.types.int" } default=3 category=extra in modules/extra.nix hosts=["gamma"] toggle=false
            option features.virt.enable Bool default=false category=virt in modules/virt.nix hosts=[] toggle=true
            option services.docker.enable Bool default=false category=services in modules/services/docker.nix hosts=["alpha", "delta"] toggle=true
            option services.docker.rootless Bool default=false category=services in modules/services/docker.nix hosts=["alpha", "delta"] toggle=true
            dependency services.docker.enable Conflicts features.virt.enable (Some("docker and virt conflict"))
            dependency services.docker.rootless Requires features.development.enable (Some("rootless docker needs development tools"))
            template server templates/server.nix ["gamma"]
            template workstation templates/workstation.nix ["alpha"]
            profile amd hardware-profiles/amd.nix Data ["alpha"]
            profile intel modules/hardware/intel.nix Module ["delta"]
            problem hosts/gamma/configuration.nix: dynamic import `builtins.readDir ./nixos`, not followed
            problem modules/broken.nix: does not parse: unexpected TOKEN_SEMICOLON at 14..15, wanted any of [TOKEN_L_PAREN, TOKEN_REC, TOKEN_L_BRACE, TOKEN_L_BRACK, TOKEN_STRING_START, TOKEN_IDENT]
        "#]],
    );
}

#[test]
fn nixos_hardware_under_any_input_name() {
    check(
        r#"
//- flake.nix
{
  inputs.hw = { url = "github:NixOS/nixos-hardware"; };
  outputs = { nixpkgs, ... }@inputs: {
    nixosConfigurations.box = nixpkgs.lib.nixosSystem { modules = [ ./hosts/box/configuration.nix ]; };
  };
}
//- hosts/box/configuration.nix
{ inputs, ... }: {
  imports = [
    inputs.hw.nixosModules.lenovo-thinkpad-x1-9th-gen
    inputs.agenix.nixosModules.default
  ];
}
"#,
        &expect![[r#"
            host box <- hosts/box/configuration.nix
              hardware [] nixos-hardware ["lenovo-thinkpad-x1-9th-gen"]
              imports hosts/box/configuration.nix
        "#]],
    );
}

#[test]
fn hosts_from_gen_attrs_and_map_attrs() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }:
    let
      names = [ "one" "two" ];
      mkHost = name: nixpkgs.lib.nixosSystem { modules = [ ./machines/${name}.nix ]; };
    in {
      nixosConfigurations = nixpkgs.lib.genAttrs names mkHost
        // builtins.mapAttrs (name: path: nixpkgs.lib.nixosSystem { modules = [ path ]; }) {
          three = ./machines/three.nix;
        };
    };
}
//- hosts/one/configuration.nix
{ ... }: { }
//- hosts/two/default.nix
{ ... }: { }
//- machines/three.nix
{ ... }: { }
"#,
        &expect![[r#"
            host one <- hosts/one/configuration.nix
              imports hosts/one/configuration.nix
            host two <- hosts/two/default.nix
              imports hosts/two/default.nix
            host three <- machines/three.nix
              imports machines/three.nix
        "#]],
    );
}

#[test]
fn option_declarations_in_every_spelling() {
    check(
        r#"
//- hosts/box/configuration.nix
{ ... }: { imports = [ ../../modules/x.nix ]; services.custom.mode = "b"; python.development.enable = true; }
//- modules/x.nix
{ lib, ... }:
let
  inherit (lib) mkOption mkEnableOption types;
in {
  options = {
    services.custom = {
      enable = lib.mkEnableOption (lib.mdDoc "custom service");
      mode = mkOption { type = with types; enum [ "a" "b" ]; default = "a"; };
      strict = mkOption { type = lib.types.bool; default = true; description = ''
        Be strict.
      ''; };
      name = mkOption { type = types.str; };
    };
    python.development.enable = mkEnableOption "python";
  };
}
"#,
        &expect![[r#"
            host box <- hosts/box/configuration.nix
              imports hosts/box/configuration.nix modules/x.nix
              python.development.enable = true at hosts/box/configuration.nix:1
              services.custom.mode = "b" at hosts/box/configuration.nix:1
            option python.development.enable Bool default=false category=python in modules/x.nix hosts=["box"] toggle=true
            option services.custom.enable Bool default=false category=services in modules/x.nix hosts=["box"] toggle=true
            option services.custom.mode Enum { values: ["a", "b"] } default="a" category=services in modules/x.nix hosts=["box"] toggle=true
            option services.custom.name Other { type_text: "types.str" } default= category=services in modules/x.nix hosts=["box"] toggle=false
            option services.custom.strict Bool default=true category=services in modules/x.nix hosts=["box"] toggle=true
        "#]],
    );
}

#[test]
fn enable_options_updated_with_a_default() {
    check(
        r#"
//- hosts/box/configuration.nix
{ lib, ... }: {
  imports = [ ../../modules/x.nix ];
  my.disks = { enable = true; backup = false; };
  my = lib.mkForce { shell.enable = false; };
}
//- modules/x.nix
{ lib, config, ... }: {
  options.my = {
    disks = {
      enable = lib.mkEnableOption "disks";
      backup = lib.mkEnableOption "backups" // { default = config.my.disks.enable; };
    };
    shell.enable = (lib.mkEnableOption "shell") // { default = true; description = "The shell."; };
    mode = lib.mkOption { type = lib.types.str; } // { default = "x"; };
  };
}
"#,
        &expect![[r#"
            host box <- hosts/box/configuration.nix
              imports hosts/box/configuration.nix modules/x.nix
              my.disks.backup = false at hosts/box/configuration.nix:3
              my.disks.enable = true at hosts/box/configuration.nix:3
              my.shell.enable = false [mkForce] at hosts/box/configuration.nix:4
            option my.disks.backup Bool default=config.my.disks.enable category=my in modules/x.nix hosts=["box"] toggle=true
            option my.disks.enable Bool default=false category=my in modules/x.nix hosts=["box"] toggle=true
            option my.mode Other { type_text: "lib.types.str" } default="x" category=my in modules/x.nix hosts=["box"] toggle=false
            option my.shell.enable Bool default=true category=my in modules/x.nix hosts=["box"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_of_a_flake_parts_module_with_module_lists() {
    check(
        r#"
//- flake.nix
{
  inputs.hw.url = "github:NixOS/nixos-hardware";
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ ./hosts ./pkgs ];
  };
}
//- hosts/default.nix
{ self, inputs, ... }: {
  flake.nixosConfigurations = let
    inherit (inputs.nixpkgs.lib) nixosSystem;
    mod = "${self}/system";
    inherit (import mod) laptop;
  in {
    io = nixosSystem {
      modules = laptop ++ [
        ./io
        "${mod}/programs/steam.nix"
        inputs.hw.nixosModules.common-cpu-amd
        { home-manager.users.me = { }; }
      ];
    };
    # The attribute name is the host's name, not its folder's.
    nixos = nixosSystem { modules = [ ./wsl ]; };
  };
}
//- hosts/io/default.nix
{ ... }: { }
//- hosts/wsl/default.nix
{ ... }: { }
//- system/default.nix
let
  desktop = [ ./core ];
  laptop = desktop ++ [ ./power.nix ];
in { inherit desktop laptop; }
//- system/core/default.nix
{ ... }: { }
//- system/power.nix
{ ... }: { }
//- system/programs/steam.nix
{ ... }: { programs.steam.enable = true; }
"#,
        &expect![[r#"
            host io <- hosts/io/default.nix
              hardware [] nixos-hardware ["common-cpu-amd"]
              imports hosts/io/default.nix system/core/default.nix system/power.nix system/programs/steam.nix
            host nixos <- hosts/wsl/default.nix
              imports hosts/wsl/default.nix
        "#]],
    );
}

#[test]
fn modules_a_helper_adds_to_every_host() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: let
    lib = import ./lib { inherit inputs; };
    inherit (lib) mkSystem;
  in {
    nixosConfigurations = {
      boson = mkSystem { hostname = "boson"; };
      quark = mkSystem { hostname = "quark"; };
    };
  };
}
//- lib/default.nix
{ inputs, ... }:
let
  inherit (inputs.nixpkgs.lib) nixosSystem;
in rec {
  mkSystem = { hostname }: nixosSystem {
    modules = builtins.attrValues (import ../modules/system) ++ [ ../hosts/${hostname} ];
  };
}
//- modules/system/default.nix
{
  docker = import ./docker.nix;
  workstation = import ./workstation.nix;
}
//- modules/system/docker.nix
{ lib, ... }: { options.my.docker.enable = lib.mkEnableOption "docker"; }
//- modules/system/workstation.nix
{ lib, ... }: { options.my.workstation.enable = lib.mkEnableOption "workstation"; }
//- hosts/boson/default.nix
{ ... }: { my.workstation.enable = true; }
//- hosts/quark/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host boson <- hosts/boson/default.nix
              imports hosts/boson/default.nix modules/system/docker.nix modules/system/workstation.nix
              my.workstation.enable = true at hosts/boson/default.nix:1
            host quark <- hosts/quark/default.nix
              imports hosts/quark/default.nix modules/system/docker.nix modules/system/workstation.nix
            option my.docker.enable Bool default=false category=system in modules/system/docker.nix hosts=["boson", "quark"] toggle=true
            option my.workstation.enable Bool default=false category=system in modules/system/workstation.nix hosts=["boson", "quark"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_of_flake_utils_plus_with_their_own_module_lists() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs@{ self, nixpkgs, utils, ... }:
    utils.lib.mkFlake {
      inherit self inputs;
      hostDefaults.modules = [ ./modules/common.nix ];
      hosts = {
        laptop.modules = [ ./hosts/laptop ./modules/desktop.nix ];
        server = {
          system = "aarch64-linux";
          modules = [ ./modules/server.nix ./hosts/server/configuration.nix ];
        };
      };
      hosts.builder.modules = [ ./machines/builder.nix ];
    };
}
//- hosts/laptop/default.nix
{ ... }: { services.openssh.enable = true; }
//- hosts/server/configuration.nix
{ ... }: { services.nginx.enable = true; }
//- machines/builder.nix
{ ... }: { }
//- modules/common.nix
{ ... }: { }
//- modules/desktop.nix
{ ... }: { }
//- modules/server.nix
{ ... }: { }
"#,
        &expect![[r#"
            host laptop <- hosts/laptop/default.nix
              imports hosts/laptop/default.nix modules/desktop.nix modules/common.nix
              services.openssh.enable = true at hosts/laptop/default.nix:1
            host server <- hosts/server/configuration.nix
              imports hosts/server/configuration.nix modules/server.nix modules/common.nix
              services.nginx.enable = true at hosts/server/configuration.nix:1
            host builder <- machines/builder.nix
              imports machines/builder.nix modules/common.nix
            option services.nginx.enable Bool default= category=services in  hosts=["laptop", "server", "builder"] toggle=true
            option services.openssh.enable Bool default= category=services in  hosts=["laptop", "server", "builder"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_and_module_lists_of_easy_hosts() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ inputs.easy-hosts.flakeModule ./parts/hosts.nix ];
  };
}
//- parts/hosts.nix
{ inputs, ... }: {
  easy-hosts = {
    autoConstruct = true;
    path = ../hosts;
    shared.modules = [ ../modules/common.nix ];
    hosts.alpha.modules = [ ../modules/desktop.nix ];
  };
}
//- modules/common.nix
{ ... }: { }
//- modules/desktop.nix
{ ... }: { }
//- hosts/x86_64-nixos/alpha/default.nix
{ ... }: { services.openssh.enable = true; }
//- hosts/aarch64-linux/beta/default.nix
{ ... }: { }
//- hosts/aarch64-darwin/mac/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host beta <- hosts/aarch64-linux/beta/default.nix
              imports hosts/aarch64-linux/beta/default.nix modules/common.nix
            host alpha <- hosts/x86_64-nixos/alpha/default.nix
              imports hosts/x86_64-nixos/alpha/default.nix modules/common.nix modules/desktop.nix
              services.openssh.enable = true at hosts/x86_64-nixos/alpha/default.nix:1
            option services.openssh.enable Bool default= category=services in  hosts=["beta", "alpha"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_mapped_to_attrs_in_an_imported_hosts_file() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: {
    nixosConfigurations = import ./hosts (inputs // { isNixOS = true; });
  };
}
//- hosts/default.nix
{ lib, isNixOS, ... }:
let
  mkHost = host: if isNixOS
    then lib.nixosSystem { modules = [ ./${host} ./${host}/hardware.nix ../modules/nixos ]; }
    else lib.homeManagerConfiguration { modules = [ ../modules/home ]; };
in
  builtins.listToAttrs (map (host: { name = host; value = mkHost host; }) [ "desktop" "laptop" ])
//- hosts/desktop/default.nix
{ ... }: { my.nvidia.enable = true; }
//- hosts/laptop/default.nix
{ ... }: { }
//- hosts/laptop/hardware.nix
{ ... }: { }
//- modules/nixos/default.nix
{ lib, ... }: { options.my.nvidia.enable = lib.mkEnableOption "nvidia"; }
//- modules/home/default.nix
{ lib, ... }: { options.my.theme.enable = lib.mkEnableOption "theme"; }
"#,
        &expect![[r#"
            host desktop <- hosts/desktop/default.nix
              imports hosts/desktop/default.nix modules/nixos/default.nix
              my.nvidia.enable = true at hosts/desktop/default.nix:1
            host laptop <- hosts/laptop/default.nix
              imports hosts/laptop/default.nix modules/nixos/default.nix hosts/laptop/hardware.nix
            option my.nvidia.enable Bool default=false category=nixos in modules/nixos/default.nix hosts=["desktop", "laptop"] toggle=true
            option my.theme.enable Bool default=false category=home in modules/home/default.nix hosts=[] toggle=true
        "#]],
    );
}

#[test]
fn imports_under_with_and_nixpkgs_profiles_in_strings() {
    check(
        r#"
//- flake.nix
{
  inputs.nixos-hardware.url = "github:NixOS/nixos-hardware";
  outputs = { nixpkgs, ... }@inputs: {
    nixosConfigurations.pad = nixpkgs.lib.nixosSystem { modules = [ ./hosts/pad/configuration.nix ]; };
  };
}
//- hosts/pad/configuration.nix
{ inputs, modulesPath, ... }: {
  imports = with inputs; [
    nixos-hardware.nixosModules.lenovo-thinkpad-x270
    "${modulesPath}/profiles/headless.nix"
    ./power.nix
  ];
}
//- hosts/pad/power.nix
{ ... }: { }
"#,
        &expect![[r#"
            host pad <- hosts/pad/configuration.nix
              hardware [] nixos-hardware ["lenovo-thinkpad-x270"]
              imports hosts/pad/configuration.nix hosts/pad/power.nix
        "#]],
    );
}

#[test]
fn extra_modules_passed_to_a_helper() {
    check(
        r#"
//- flake.nix
{
  outputs = { self, nixpkgs, ... }: {
    mkSystem = { hostPath, extraModules ? [ ] }:
      nixpkgs.lib.nixosSystem { modules = [ hostPath ] ++ extraModules; };
    nixosConfigurations = {
      beef = self.mkSystem { hostPath = ./hosts/beef; };
      nomad = self.mkSystem { hostPath = ./hosts/nomad; extraModules = [ ./modules ]; };
    };
  };
}
//- hosts/beef/default.nix
{ ... }: { }
//- hosts/nomad/default.nix
{ ... }: { host.feature.gaming.enable = true; }
//- modules/default.nix
{ lib, ... }: {
  options.host.feature.gaming.enable = lib.mkOption { default = false; type = with lib.types; bool; };
}
"#,
        &expect![[r#"
            host beef <- hosts/beef/default.nix
              imports hosts/beef/default.nix
            host nomad <- hosts/nomad/default.nix
              imports hosts/nomad/default.nix modules/default.nix
              host.feature.gaming.enable = true at hosts/nomad/default.nix:1
            option host.feature.gaming.enable Bool default=false category=host in modules/default.nix hosts=["nomad"] toggle=true
        "#]],
    );
}

#[test]
fn extra_modules_passed_to_a_helper_by_position() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }:
    let
      mkHost = name: extraModules: nixpkgs.lib.nixosSystem {
        modules = [ ./hosts/${name} ./modules/common.nix ] ++ extraModules;
      };
    in {
      nixosConfigurations.tv = mkHost "tv" [ ./modules/lgtv.nix ];
      nixosConfigurations.nas = mkHost "nas" [ ];
    };
}
//- hosts/tv/default.nix
{ ... }: { services.lgtv.enable = true; }
//- hosts/nas/default.nix
{ ... }: { }
//- modules/common.nix
{ ... }: { }
//- modules/lgtv.nix
{ lib, ... }: { options.services.lgtv.enable = lib.mkEnableOption "tv"; }
"#,
        &expect![[r#"
            host tv <- hosts/tv/default.nix
              imports hosts/tv/default.nix modules/lgtv.nix modules/common.nix
              services.lgtv.enable = true at hosts/tv/default.nix:1
            host nas <- hosts/nas/default.nix
              imports hosts/nas/default.nix modules/common.nix
            option services.lgtv.enable Bool default=false category=services in modules/lgtv.nix hosts=["tv"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_of_a_helper_that_defines_its_host_under_the_name_it_is_given() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs:
    let
      helpers = import ./helpers.nix inputs;
      inherit (helpers) mkMerge mkNixos;
    in
    mkMerge [
      (mkNixos "tv" inputs.nixpkgs [ ./modules/lgtv.nix ])
      (mkNixos "nas" inputs.nixpkgs [ ])
    ];
}
//- helpers.nix
inputs: {
  mkMerge = inputs.nixpkgs.lib.lists.foldl' inputs.nixpkgs.lib.attrsets.recursiveUpdate { };
  mkNixos = name: nixpkgs: extraModules: {
    deploy.nodes.${name} = { hostname = name; };
    nixosConfigurations.${name} = nixpkgs.lib.nixosSystem {
      modules = [ ./machines/nixos/_common ./machines/nixos/${name} ] ++ extraModules;
    };
  };
}
//- machines/nixos/_common/default.nix
{ ... }: { }
//- machines/nixos/tv/default.nix
{ ... }: { services.lgtv.enable = true; }
//- machines/nixos/nas/default.nix
{ ... }: { }
//- modules/lgtv.nix
{ lib, ... }: { options.services.lgtv.enable = lib.mkEnableOption "tv"; }
"#,
        &expect![[r#"
            host tv <- machines/nixos/tv/default.nix
              imports machines/nixos/tv/default.nix modules/lgtv.nix machines/nixos/_common/default.nix
              services.lgtv.enable = true at machines/nixos/tv/default.nix:1
            host nas <- machines/nixos/nas/default.nix
              imports machines/nixos/nas/default.nix machines/nixos/_common/default.nix
            option services.lgtv.enable Bool default=false category=services in modules/lgtv.nix hosts=["tv"] toggle=true
        "#]],
    );
}

#[test]
fn every_module_of_a_flake_parts_output_joined_with_update() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs@{ flake-parts, ... }:
    flake-parts.lib.mkFlake { inherit inputs; } {
      flake = {
        nixosModules = { system = import ./system; } // import ./modules;
        nixosConfigurations = import ./hosts inputs;
      };
    };
}
//- hosts/default.nix
{ nixpkgs, self, ... }:
let
  mkHost = name: nixpkgs.lib.nixosSystem {
    modules = [ ./${name} ] ++ builtins.attrValues self.nixosModules;
  };
in {
  calypso = mkHost "calypso";
}
//- hosts/calypso/default.nix
{ ... }: { hardware.laptop.enable = true; }
//- system/default.nix
{ ... }: { }
//- modules/default.nix
{ laptop = import ./laptop; }
//- modules/laptop/default.nix
{ lib, ... }: { options.hardware.laptop.enable = lib.mkEnableOption "laptop"; }
"#,
        &expect![[r#"
            host calypso <- hosts/calypso/default.nix
              imports hosts/calypso/default.nix system/default.nix modules/laptop/default.nix
              hardware.laptop.enable = true at hosts/calypso/default.nix:1
            option hardware.laptop.enable Bool default=false category=laptop in modules/laptop/default.nix hosts=["calypso"] toggle=true
        "#]],
    );
}

#[test]
fn options_named_by_a_string_the_module_binds() {
    check(
        r#"
//- hosts/box/default.nix
{ ... }: { imports = [ ../../services/jellyfin.nix ]; homelab.services.jellyfin.enable = true; }
//- services/jellyfin.nix
{ config, lib, ... }:
let
  service = "jellyfin";
  cfg = config.homelab.services.${service};
in
{
  options.homelab.services.${service} = {
    enable = lib.mkEnableOption "Enable ${service}";
    port = lib.mkOption { type = lib.types.port; default = 8096; };
  };
  config = lib.mkIf cfg.enable { services.${service}.enable = true; };
}
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix services/jellyfin.nix
              homelab.services.jellyfin.enable = true at hosts/box/default.nix:1
            option homelab.services.jellyfin.enable Bool default=false category=homelab in services/jellyfin.nix hosts=["box"] toggle=true
            option homelab.services.jellyfin.port Other { type_text: "lib.types.port" } default=8096 category=homelab in services/jellyfin.nix hosts=["box"] toggle=false
        "#]],
    );
}

#[test]
fn modules_taken_from_the_flake_outputs() {
    check(
        r#"
//- flake.nix
{
  outputs = { self, nixpkgs, ... }@inputs: let
    inherit (self) outputs;
  in {
    nixosModules = import ./modules/nixos;
    nixosConfigurations.beef = nixpkgs.lib.nixosSystem {
      specialArgs = { inherit inputs outputs; };
      modules = [ ./hosts/beef ];
    };
  };
}
//- hosts/beef/default.nix
{ outputs, ... }: {
  imports = [ ../common ];
  host.feature.btrfs.enable = true;
}
//- hosts/common/default.nix
{ outputs, ... }: {
  imports = [ outputs.nixosModules.extra ] ++ (builtins.attrValues outputs.nixosModules);
}
//- modules/nixos/default.nix
{
  btrfs = import ./btrfs.nix;
  extra = import ./extra.nix;
}
//- modules/nixos/btrfs.nix
{ lib, ... }: { options.host.feature.btrfs.enable = lib.mkEnableOption "btrfs"; }
//- modules/nixos/extra.nix
{ ... }: { }
"#,
        &expect![[r#"
            host beef <- hosts/beef/default.nix
              imports hosts/beef/default.nix hosts/common/default.nix modules/nixos/btrfs.nix modules/nixos/extra.nix
              host.feature.btrfs.enable = true at hosts/beef/default.nix:3
            option host.feature.btrfs.enable Bool default=false category=nixos in modules/nixos/btrfs.nix hosts=["beef"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_of_a_flake_parts_module_two_files_away() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } { imports = [ ./parts ]; };
}
//- parts/default.nix
{ imports = [ ./hosts.nix ./shell.nix ]; }
//- parts/shell.nix
{ perSystem = { pkgs, ... }: { devShells.default = pkgs.mkShell { }; }; }
//- parts/hosts.nix
{ inputs, ... }: {
  flake.nixosConfigurations.kiwi = inputs.nixpkgs.lib.nixosSystem { modules = [ ../machines/kiwi ]; };
}
//- machines/kiwi/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host kiwi <- machines/kiwi/default.nix
              imports machines/kiwi/default.nix
        "#]],
    );
}

#[test]
fn entry_built_by_a_helper_from_the_host_name_in_a_flat_folder() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }@inputs: let
    mkSystem = import ./lib/mksystem.nix { inherit nixpkgs inputs; };
  in {
    nixosConfigurations.vm-arm = mkSystem "vm-arm" { system = "aarch64-linux"; };
    nixosConfigurations.vm-intel = mkSystem "vm-intel" { system = "x86_64-linux"; };
  };
}
//- lib/mksystem.nix
name: { nixpkgs, system, inputs }:
nixpkgs.lib.nixosSystem {
  inherit system;
  modules = [ ../machines/${name}.nix ../users/${user}/nixos.nix ];
}
//- machines/vm-arm.nix
{ ... }: {
  imports = [ ../modules/guest.nix ./vm-shared.nix ];
  my.guest.enable = true;
}
//- machines/vm-intel.nix
{ ... }: {
  imports = [ ../modules/guest.nix ./vm-shared.nix ];
}
//- machines/vm-shared.nix
{ ... }: { my.guest.headless = true; }
//- modules/guest.nix
{ lib, ... }: {
  options.my.guest.enable = lib.mkEnableOption "guest tools";
  options.my.guest.headless = lib.mkEnableOption "no X";
}
"#,
        &expect![[r#"
            host vm-arm <- machines/vm-arm.nix
              imports machines/vm-arm.nix modules/guest.nix machines/vm-shared.nix
              my.guest.enable = true at machines/vm-arm.nix:3
              my.guest.headless = true at machines/vm-shared.nix:1 (template)
            host vm-intel <- machines/vm-intel.nix
              imports machines/vm-intel.nix modules/guest.nix machines/vm-shared.nix
              my.guest.headless = true at machines/vm-shared.nix:1 (template)
            option my.guest.enable Bool default=false category=my in modules/guest.nix hosts=["vm-arm", "vm-intel"] toggle=true
            option my.guest.headless Bool default=false category=my in modules/guest.nix hosts=["vm-arm", "vm-intel"] toggle=true
        "#]],
    );
}

#[test]
fn a_common_module_sets_values_outside_its_conditions() {
    check(
        r#"
//- hosts/a/default.nix
{ ... }: {
  imports = [ ../../modules/common.nix ../../modules/ssh.nix ];
}
//- hosts/b/default.nix
{ lib, ... }: {
  imports = [ ../../modules/common.nix ../../modules/ssh.nix ];
  my.ssh.enable = lib.mkForce false;
}
//- modules/common.nix
{ config, lib, ... }: {
  my.ssh.enable = true;
  my.ssh.hardened = lib.mkIf config.my.ssh.enable true;
}
//- modules/ssh.nix
{ lib, ... }: {
  options.my.ssh.enable = lib.mkEnableOption "ssh";
  options.my.ssh.hardened = lib.mkEnableOption "hardening";
}
"#,
        &expect![[r#"
            host a <- hosts/a/default.nix
              imports hosts/a/default.nix modules/common.nix modules/ssh.nix
              my.ssh.enable = true at modules/common.nix:2 (template)
            host b <- hosts/b/default.nix
              imports hosts/b/default.nix modules/common.nix modules/ssh.nix
              my.ssh.enable = false [mkForce] at hosts/b/default.nix:3
            option my.ssh.enable Bool default=false category=my in modules/ssh.nix hosts=["a", "b"] toggle=true
            option my.ssh.hardened Bool default=false category=my in modules/ssh.nix hosts=["a", "b"] toggle=true
        "#]],
    );
}

#[test]
fn options_declared_with_the_mk_opt_helpers() {
    check(
        r#"
//- hosts/udon/default.nix
{ ... }: {
  imports = [ ../../modules/vim.nix ../../modules/kvm.nix ];
  modules.editors.vim.enable = true;
  my.kvm.platform = "intel";
}
//- modules/vim.nix
{ hey, lib, config, ... }:
with lib;
with hey.lib;
let cfg = config.modules.editors.vim;
in {
  options.modules.editors.vim = {
    enable = mkBoolOpt false;
    wrapped = mkBoolOpt' true;
  };
  config = mkIf cfg.enable { };
}
//- modules/kvm.nix
{ lib, ... }:
with lib;
with lib.my; {
  options.my.kvm = with types; {
    enable = mkBoolOpt false "Whether or not to enable KVM.";
    platform = mkOpt (enum ["amd" "intel"]) "amd" "Which CPU platform the machine is using.";
    vfioIds = mkOpt (listOf str) [] "The hardware IDs to pass through.";
  };
}
"#,
        &expect![[r#"
            host udon <- hosts/udon/default.nix
              imports hosts/udon/default.nix modules/vim.nix modules/kvm.nix
              modules.editors.vim.enable = true at hosts/udon/default.nix:3
              my.kvm.platform = "intel" at hosts/udon/default.nix:4
            option modules.editors.vim.enable Bool default=false category=editors in modules/vim.nix hosts=["udon"] toggle=true
            option modules.editors.vim.wrapped Bool default=true category=editors in modules/vim.nix hosts=["udon"] toggle=true
            option my.kvm.enable Bool default=false category=my in modules/kvm.nix hosts=["udon"] toggle=true
            option my.kvm.platform Enum { values: ["amd", "intel"] } default="amd" category=my in modules/kvm.nix hosts=["udon"] toggle=true
            option my.kvm.vfioIds Other { type_text: "listOf str" } default=[] category=my in modules/kvm.nix hosts=["udon"] toggle=false
        "#]],
    );
}

#[test]
fn hosts_and_modules_of_a_snowfall_lib_flake() {
    check(
        r#"
//- flake.nix
{
  inputs.snowfall-lib.url = "github:snowfallorg/lib?ref=v3.0.3";
  inputs.nixos-hardware.url = "github:nixos/nixos-hardware";
  outputs = inputs: let
    lib = inputs.snowfall-lib.mkLib {
      inherit inputs;
      src = ./.;
      snowfall.namespace = "acme";
    };
  in lib.mkFlake {
    systems.hosts.laptop.modules = with inputs; [
      nixos-hardware.nixosModules.framework-11th-gen-intel
    ];
  };
}
//- systems/x86_64-linux/laptop/default.nix
{ lib, namespace, ... }:
with lib.${namespace}; {
  acme = {
    archetypes.workstation = enabled;
    apps.steam = disabled;
  };
  services.nginx.virtualHosts."example.com".enableACME = true;
}
//- systems/x86_64-linux/server/default.nix
{ ... }: { acme.apps.steam.enable = true; }
//- systems/aarch64-darwin/mac/default.nix
{ ... }: { }
//- modules/nixos/archetypes/workstation/default.nix
{ config, lib, namespace, ... }:
with lib;
with lib.${namespace}; {
  options.${namespace}.archetypes.workstation = with types; {
    enable = mkBoolOpt false "Whether or not to enable the workstation archetype.";
  };
}
//- modules/nixos/apps/steam/default.nix
{ lib, ... }: {
  options.acme.apps.steam.enable = lib.mkEnableOption "Steam";
}
"#,
        &expect![[r#"
            host laptop <- systems/x86_64-linux/laptop/default.nix
              hardware [] nixos-hardware ["framework-11th-gen-intel"]
              imports systems/x86_64-linux/laptop/default.nix modules/nixos/apps/steam/default.nix modules/nixos/archetypes/workstation/default.nix
              acme.apps.steam.enable = false at systems/x86_64-linux/laptop/default.nix:5
              acme.archetypes.workstation.enable = true at systems/x86_64-linux/laptop/default.nix:4
            host server <- systems/x86_64-linux/server/default.nix
              imports systems/x86_64-linux/server/default.nix modules/nixos/apps/steam/default.nix modules/nixos/archetypes/workstation/default.nix
              acme.apps.steam.enable = true at systems/x86_64-linux/server/default.nix:1
            option acme.apps.steam.enable Bool default=false category=apps in modules/nixos/apps/steam/default.nix hosts=["laptop", "server"] toggle=true
            option acme.archetypes.workstation.enable Bool default=false category=archetypes in modules/nixos/archetypes/workstation/default.nix hosts=["laptop", "server"] toggle=true
        "#]],
    );
}

#[test]
fn nixos_hardware_modules_named_under_with() {
    check(
        r#"
//- flake.nix
{
  inputs.nixos-hardware.url = "github:nixos/nixos-hardware";
  outputs = { nixpkgs, ... }@inputs: {
    nixosConfigurations.desk = nixpkgs.lib.nixosSystem { modules = [ ./hosts/desk ]; };
  };
}
//- hosts/desk/default.nix
{ ... }: { imports = [ ./hardware.nix ]; }
//- hosts/desk/hardware.nix
{ inputs, modulesPath, ... }:
let
  inherit (inputs) nixos-hardware;
in
{
  imports = with nixos-hardware.nixosModules; [
    (modulesPath + "/installer/scan/not-detected.nix")
    common-cpu-amd
    common-pc-ssd
    ./disks.nix
  ];
}
//- hosts/desk/disks.nix
{ ... }: { }
"#,
        &expect![[r#"
            host desk <- hosts/desk/default.nix
              hardware [] nixos-hardware ["common-cpu-amd", "common-pc-ssd"]
              imports hosts/desk/default.nix hosts/desk/hardware.nix hosts/desk/disks.nix
        "#]],
    );
}

#[test]
fn hosts_read_from_hosts_nixos_with_root_relative_imports() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }@inputs: let
    inherit (nixpkgs) lib;
    mkHost = host: { ${host} = lib.nixosSystem { modules = [ ./hosts/nixos/${host} ]; }; };
    readHosts = folder: lib.attrNames (builtins.readDir ./hosts/${folder});
  in {
    nixosConfigurations = lib.foldl (acc: set: acc // set) { } (map mkHost (readHosts "nixos"));
  };
}
//- hosts/nixos/grief/default.nix
{ inputs, lib, ... }: {
  imports = lib.flatten [
    ./hardware-configuration.nix
    { _module.args.disk = "/dev/vda"; }
    inputs.home-manager.${platformModules}.home-manager
    inputs.hm.nixosModule
    "${inputs.nixpkgs}/nixos/modules/installer/cd-dvd/channel.nix"
    (lib.custom.relativeToRoot "hosts/common/core")
    (map lib.custom.relativeToRoot [
      "hosts/common/optional/openssh.nix"
      "modules/${platform}"
    ])
    (map lib.custom.relativeToRoot (
      [ "hosts/common/users" ]
      ++ (map (f: "hosts/common/optional/${f}") [ "vlc.nix" "gone.nix" ])
    ))
  ];
  networking.networkmanager.enable = true;
}
//- hosts/nixos/grief/hardware-configuration.nix
{ ... }: { }
//- hosts/darwin/mac/default.nix
{ ... }: { }
//- hosts/common/core/default.nix
{ ... }: { programs.zsh.enable = true; }
//- hosts/common/optional/openssh.nix
{ ... }: { services.openssh.enable = true; }
//- hosts/common/optional/vlc.nix
{ ... }: { }
//- hosts/common/users/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host grief <- hosts/nixos/grief/default.nix
              imports hosts/nixos/grief/default.nix hosts/nixos/grief/hardware-configuration.nix hosts/common/core/default.nix hosts/common/optional/openssh.nix hosts/common/users/default.nix hosts/common/optional/vlc.nix
              networking.networkmanager.enable = true at hosts/nixos/grief/default.nix:18
            option networking.networkmanager.enable Bool default= category=networking in  hosts=["grief"] toggle=true
            problem hosts/nixos/grief/default.nix: imported file `hosts/common/optional/gone.nix` does not exist
        "#]],
    );
}

#[test]
fn a_local_enabled_is_a_bool_not_the_snowfall_helper() {
    check(
        r#"
//- hosts/box/default.nix
{ ... }:
let
  enabled = true;
in {
  services.openssh.enable = enabled;
  services.printing = enabled;
}
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix
        "#]],
    );
}

/// A flake-level helper building every host from `hosts/`, given the root module beside
/// them; the root module imports every module of a folder through a helper of its lib.
pub const HELPER_WITH_FOLDER_OF_MODULES: &str = r#"
//- flake.nix
{
  outputs = inputs: let lib = import ./lib inputs; in
    with lib; mkFlake inputs {
      hosts = mapModules ./hosts import;
      modules.default = import ./.;
    };
}
//- default.nix
{ lib, ... }:
with lib.my;
{
  imports = [ ./common.nix ] ++ (mapModulesRec' (toString ./modules) import);
}
//- common.nix
{ ... }: { }
//- modules/default.nix
{ ... }: { }
//- modules/editors/vim.nix
{ lib, config, ... }: {
  options.modules.editors.vim.enable = lib.mkEnableOption "vim";
}
//- modules/editors/emacs/default.nix
{ lib, config, ... }: {
  options.modules.editors.emacs.enable = lib.mkEnableOption "emacs";
}
//- modules/_wip/draft.nix
{ lib, ... }: {
  options.modules.draft.enable = lib.mkEnableOption "draft";
}
//- hosts/udon/default.nix
{ ... }: {
  modules = {
    editors.vim.enable = true;
  };
}
//- hosts/ramen/default.nix
{ ... }: {
  modules.editors.emacs.enable = false;
}
"#;

#[test]
fn modules_beside_the_hosts_and_a_folder_of_modules_reach_every_host() {
    check(
        HELPER_WITH_FOLDER_OF_MODULES,
        &expect![[r#"
            host ramen <- hosts/ramen/default.nix
              imports hosts/ramen/default.nix default.nix common.nix modules/editors/emacs/default.nix modules/editors/vim.nix
              modules.editors.emacs.enable = false at hosts/ramen/default.nix:2
            host udon <- hosts/udon/default.nix
              imports hosts/udon/default.nix default.nix common.nix modules/editors/emacs/default.nix modules/editors/vim.nix
              modules.editors.vim.enable = true at hosts/udon/default.nix:3
            option modules.draft.enable Bool default=false category=_wip in modules/_wip/draft.nix hosts=[] toggle=true
            option modules.editors.emacs.enable Bool default=false category=editors in modules/editors/emacs/default.nix hosts=["ramen", "udon"] toggle=true
            option modules.editors.vim.enable Bool default=false category=editors in modules/editors/vim.nix hosts=["ramen", "udon"] toggle=true
        "#]],
    );
}

#[test]
fn folders_of_modules_listed_recursively_or_by_read_dir() {
    check(
        r#"
//- hosts/box/default.nix
{ lib, ... }: {
  imports =
    builtins.filter (lib.hasSuffix ".nix") (map toString (lib.filesystem.listFilesRecursive ./features))
    ++ map (name: ./services + "/${name}") (builtins.attrNames (builtins.readDir ./services));
}
//- hosts/box/features/audio.nix
{ lib, ... }: { options.features.audio.enable = lib.mkEnableOption "audio"; }
//- hosts/box/features/desktop/gnome.nix
{ lib, ... }: { options.features.gnome.enable = lib.mkEnableOption "gnome"; }
//- hosts/box/features/notes.md
not a module
//- hosts/box/services/ssh.nix
{ lib, ... }: { options.features.ssh.enable = lib.mkEnableOption "ssh"; }
//- hosts/box/services/web/default.nix
{ lib, ... }: { options.features.web.enable = lib.mkEnableOption "web"; }
//- hosts/box/services/web/nginx.nix
{ lib, ... }: { options.features.nginx.enable = lib.mkEnableOption "nginx"; }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix hosts/box/features/audio.nix hosts/box/features/desktop/gnome.nix hosts/box/services/ssh.nix hosts/box/services/web/default.nix
            option features.audio.enable Bool default=false category=audio in hosts/box/features/audio.nix hosts=["box"] toggle=true
            option features.gnome.enable Bool default=false category=gnome in hosts/box/features/desktop/gnome.nix hosts=["box"] toggle=true
            option features.nginx.enable Bool default=false category=nginx in hosts/box/services/web/nginx.nix hosts=[] toggle=true
            option features.ssh.enable Bool default=false category=ssh in hosts/box/services/ssh.nix hosts=["box"] toggle=true
            option features.web.enable Bool default=false category=web in hosts/box/services/web/default.nix hosts=["box"] toggle=true
        "#]],
    );
}

/// One machine replaces a NixOS module with its own copy, one keeps NixOS's, one has
/// neither.
pub const STAND_IN_FOR_A_NIXOS_MODULE: &str = r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations.arm = nixpkgs.lib.nixosSystem { modules = [ ./machines/arm.nix ]; };
    nixosConfigurations.intel = nixpkgs.lib.nixosSystem { modules = [ ./machines/intel.nix ]; };
    nixosConfigurations.bare = nixpkgs.lib.nixosSystem { modules = [ ./machines/bare.nix ]; };
  };
}
//- machines/bare.nix
{ ... }: {
  disabledModules = [ "virtualisation/vmware-guest.nix" ];
}
//- machines/arm.nix
{ ... }: {
  imports = [ ../modules/vmware-guest.nix ];
  disabledModules = [ "virtualisation/vmware-guest.nix" ];
  virtualisation.vmware.guest.enable = true;
}
//- machines/intel.nix
{ ... }: {
  virtualisation.vmware.guest.enable = true;
}
//- modules/vmware-guest.nix
{ lib, ... }: {
  options.virtualisation.vmware.guest.enable = lib.mkEnableOption "VMware guest";
}
"#;

#[test]
fn a_module_standing_in_for_a_disabled_nixos_module_leaves_nixos_options_where_kept() {
    check(
        STAND_IN_FOR_A_NIXOS_MODULE,
        &expect![[r#"
            host arm <- machines/arm.nix
              imports machines/arm.nix modules/vmware-guest.nix
              virtualisation.vmware.guest.enable = true at machines/arm.nix:4
            host intel <- machines/intel.nix
              imports machines/intel.nix
              virtualisation.vmware.guest.enable = true at machines/intel.nix:2
            host bare <- machines/bare.nix
              imports machines/bare.nix
            option virtualisation.vmware.guest.enable Bool default=false category=virtualisation in modules/vmware-guest.nix hosts=["arm", "intel"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_read_from_the_host_folders_they_are_built_from_are_no_problem() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: let
    inherit (nixpkgs) lib;
    mkHost = host: { ${host} = lib.nixosSystem { modules = [ ./hosts/nixos/${host} ]; }; };
    mkHostConfigs = hosts: lib.foldl (acc: set: acc // set) { } (map mkHost hosts);
    readHosts = folder: lib.attrNames (builtins.readDir ./hosts/${folder});
  in {
    nixosConfigurations = mkHostConfigs (readHosts "nixos");
  };
}
//- hosts/nixos/grief/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host grief <- hosts/nixos/grief/default.nix
              imports hosts/nixos/grief/default.nix
        "#]],
    );
}

#[test]
fn hosts_built_by_an_expression_out_of_reach_are_a_problem() {
    check(
        r#"
//- flake.nix
{
  outputs = { self, ... }@inputs: {
    nixosConfigurations = inputs.helpers.mkConfigurations self;
  };
}
//- hosts/box/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix
            problem flake.nix: nixosConfigurations is built by an expression that cannot be read statically; hosts are taken from host folders
        "#]],
    );
}

#[test]
fn machines_of_a_clan_with_their_folders_and_given_modules() {
    check(
        r#"
//- flake.nix
{
  inputs.clan-core.url = "git+https://git.clan.lol/clan/clan-core";
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ ./nixos/flake-module.nix ];
  };
}
//- nixos/flake-module.nix
{ self, inputs, ... }:
let
  defaultModule = { lib, ... }: {
    clan.networking.targetHost = lib.mkDefault "root@host";
    imports = [ ./modules/common.nix inputs.srvos.nixosModules.server ];
  };
in
{
  flake = inputs.clan-core.lib.buildClan {
    directory = self;
    machines = {
      laptop = {
        imports = [ ./laptop/configuration.nix defaultModule ];
      };
      builder.imports = [ defaultModule ];
    };
    inventory.machines.router.tags = [ "edge" ];
    inventory.machines = {
      mac = { machineClass = "darwin"; };
      evo.machineClass = "darwin";
    };
  };
}
//- nixos/modules/common.nix
{ lib, ... }: { options.my.common.enable = lib.mkEnableOption "common"; }
//- nixos/laptop/configuration.nix
{ ... }: { my.common.enable = true; }
//- machines/builder/configuration.nix
{ ... }: { services.openssh.enable = true; }
//- machines/builder/disko.nix
{ ... }: { }
//- machines/router/configuration.nix
{ ... }: { }
//- machines/spare/hardware-configuration.nix
{ ... }: { }
//- machines/mac/configuration.nix
{ lib, ... }: { options.my.dock.enable = lib.mkEnableOption "the dock"; }
//- machines/evo/configuration.nix
{ ... }: { }
"#,
        &expect![[r#"
            host laptop <- nixos/laptop/configuration.nix
              imports nixos/laptop/configuration.nix nixos/modules/common.nix
              my.common.enable = true at nixos/laptop/configuration.nix:1
            host builder <- machines/builder/configuration.nix
              imports machines/builder/configuration.nix machines/builder/disko.nix nixos/modules/common.nix
              services.openssh.enable = true at machines/builder/configuration.nix:1
            host router <- machines/router/configuration.nix
              imports machines/router/configuration.nix
            host spare <- machines/spare/hardware-configuration.nix
              imports machines/spare/hardware-configuration.nix
            option my.common.enable Bool default=false category=my in nixos/modules/common.nix hosts=["laptop", "builder"] toggle=true
            option services.openssh.enable Bool default= category=services in  hosts=["laptop", "builder", "router", "spare"] toggle=true
        "#]],
    );
}

#[test]
fn a_flake_parts_clan_beside_the_flakes_own_nixos_configurations() {
    check(
        r#"
//- flake.nix
{
  inputs.clan-core.url = "git+https://git.clan.lol/clan/clan-core";
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ inputs.clan-core.flakeModules.default ./machines/flake-module.nix ./parts/hosts.nix ];
  };
}
//- machines/flake-module.nix
{ self, ... }: {
  flake.clan = {
    inherit self;
    inventory.machines.gateway.tags = [ "edge" ];
  };
}
//- parts/hosts.nix
{ inputs, ... }: {
  flake.nixosConfigurations.iso = inputs.nixpkgs.lib.nixosSystem { modules = [ ../iso ]; };
}
//- iso/default.nix
{ ... }: { }
//- machines/gateway/configuration.nix
{ ... }: { services.openssh.enable = true; }
//- machines/nas/configuration.nix
{ ... }: { }
"#,
        &expect![[r#"
            host iso <- iso/default.nix
              imports iso/default.nix
            host gateway <- machines/gateway/configuration.nix
              imports machines/gateway/configuration.nix
              services.openssh.enable = true at machines/gateway/configuration.nix:1
            host nas <- machines/nas/configuration.nix
              imports machines/nas/configuration.nix
            option services.openssh.enable Bool default= category=services in  hosts=["iso", "gateway", "nas"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_a_helper_builds_from_their_names_when_the_definitions_cannot_be_read() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: let
    systems = builtins.fromTOML (builtins.readFile ./lib/systems.toml);
    builder = import ./lib { inherit inputs; };
  in {
    nixosConfigurations = builder.mkAllNixos systems;
  };
}
//- lib/default.nix
{ inputs }: import ./builders.nix { inherit inputs; }
//- lib/builders.nix
{ inputs }: rec {
  mkNixos = { hostname, ... }: inputs.nixpkgs.lib.nixosSystem {
    modules = let extra = [ ]; in [ ../nixos ../nixos/${hostname} ] ++ extra;
  };
  mkAllNixos = systems: builtins.mapAttrs (_: mkNixos) systems;
}
//- nixos/default.nix
{ ... }: { imports = [ ./_mixins/common.nix ]; }
//- nixos/_mixins/common.nix
{ lib, ... }: { options.my.common.enable = lib.mkEnableOption "common"; }
//- nixos/vader/default.nix
{ ... }: { my.common.enable = true; }
//- nixos/phasma/default.nix
{ ... }: { }
//- nixos/_common/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host phasma <- nixos/phasma/default.nix
              imports nixos/phasma/default.nix nixos/default.nix nixos/_mixins/common.nix
            host vader <- nixos/vader/default.nix
              imports nixos/vader/default.nix nixos/default.nix nixos/_mixins/common.nix
              my.common.enable = true at nixos/vader/default.nix:1
            option my.common.enable Bool default=false category=my in nixos/_mixins/common.nix hosts=["phasma", "vader"] toggle=true
            problem flake.nix: nixosConfigurations is built by an expression that cannot be read statically; hosts are taken from host folders
        "#]],
    );
}

#[test]
fn folders_of_modules_kept_by_a_filter_over_read_dir() {
    check(
        r#"
//- hosts/box/default.nix
{ ... }: { imports = [ ../../mixins ]; }
//- mixins/default.nix
{ lib, ... }:
let
  currentDir = ./.;
  wanted = name: type: type == "directory" && name != "_template";
  directories = lib.filterAttrs wanted (builtins.readDir currentDir);
  importDirectory = name: import (currentDir + "/${name}");
in
{
  imports = lib.mapAttrsToList (name: _: importDirectory name) directories;
}
//- mixins/audio/default.nix
{ lib, ... }: { options.mixins.audio.enable = lib.mkEnableOption "audio"; }
//- mixins/_template/default.nix
{ lib, ... }: { options.mixins.template.enable = lib.mkEnableOption "template"; }
//- mixins/loose.nix
{ lib, ... }: { options.mixins.loose.enable = lib.mkEnableOption "loose"; }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix mixins/default.nix mixins/audio/default.nix
            option mixins.audio.enable Bool default=false category=mixins in mixins/audio/default.nix hosts=["box"] toggle=true
            option mixins.loose.enable Bool default=false category=mixins in mixins/loose.nix hosts=[] toggle=true
            option mixins.template.enable Bool default=false category=mixins in mixins/_template/default.nix hosts=[] toggle=true
        "#]],
    );
}

#[test]
fn nodes_of_a_colmena_hive_with_its_defaults() {
    check(
        r#"
//- flake.nix
{
  inputs.colmena.url = "github:zhaofengli/colmena";
  outputs = inputs@{ self, colmena, ... }: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ ./parts/tools.nix ];
    flake.nixosConfigurations = self.outputs.colmenaHive.nodes;
    flake.colmenaHive = colmena.lib.makeHive self.outputs.colmena;
    flake.colmena = let hm = inputs.home-manager.nixosModules.home-manager; in {
      meta.nixpkgs = import inputs.nixpkgs { system = "x86_64-linux"; };
      defaults = { name, lib, ... }: {
        deployment.targetHost = lib.mkDefault name;
        imports = [ ./common ./hosts/${name}/hardware.nix ];
      };
      desk.deployment.targetHost = null;
      desk.imports = [ ./hosts/desk hm ];
      nas = { imports = [ ./machines/storage.nix ]; };
    };
  };
}
//- parts/tools.nix
{ self, ... }: { agenix-rekey.nixosConfigurations = self.nodes; }
//- common/default.nix
{ lib, ... }: { options.my.common.enable = lib.mkEnableOption "common"; }
//- hosts/desk/default.nix
{ ... }: { my.common.enable = true; }
//- hosts/desk/hardware.nix
{ ... }: { }
//- machines/storage.nix
{ ... }: { }
"#,
        &expect![[r#"
            host desk <- hosts/desk/default.nix
              imports hosts/desk/default.nix common/default.nix hosts/desk/hardware.nix
              my.common.enable = true at hosts/desk/default.nix:1
            host nas <- machines/storage.nix
              imports machines/storage.nix common/default.nix
            option my.common.enable Bool default=false category=my in common/default.nix hosts=["desk", "nas"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_autowired_by_nixos_unified_with_imports_from_the_flake_root() {
    check(
        r#"
//- flake.nix
{
  inputs.nixos-unified.url = "github:srid/nixos-unified";
  outputs = inputs: inputs.nixos-unified.lib.mkFlake { inherit inputs; root = ./.; };
}
//- configurations/nixos/laptop/default.nix
{ flake, ... }:
let inherit (flake.inputs) self; in
{ imports = [ self.nixosModules.default (self + /modules/nixos/gc.nix) ./hardware.nix ]; }
//- configurations/nixos/laptop/hardware.nix
{ ... }: { }
//- configurations/nixos/vm.nix
{ flake, ... }: {
  imports = [ (flake.inputs.self + /modules/nixos/gone.nix) ];
  services.openssh.enable = true;
}
//- modules/nixos/default.nix
{ lib, ... }: { options.my.base.enable = lib.mkEnableOption "base"; }
//- modules/nixos/gc.nix
{ lib, ... }: { options.my.gc.enable = lib.mkEnableOption "gc"; }
"#,
        &expect![[r#"
            host laptop <- configurations/nixos/laptop/default.nix
              imports configurations/nixos/laptop/default.nix modules/nixos/default.nix modules/nixos/gc.nix configurations/nixos/laptop/hardware.nix
            host vm <- configurations/nixos/vm.nix
              imports configurations/nixos/vm.nix
              services.openssh.enable = true at configurations/nixos/vm.nix:3
            option my.base.enable Bool default=false category=nixos in modules/nixos/default.nix hosts=["laptop"] toggle=true
            option my.gc.enable Bool default=false category=nixos in modules/nixos/gc.nix hosts=["laptop"] toggle=true
            option services.openssh.enable Bool default= category=services in  hosts=["laptop", "vm"] toggle=true
            problem configurations/nixos/vm.nix: imported file `flake.inputs.self + /modules/nixos/gone.nix` does not exist
        "#]],
    );
}

#[test]
fn hosts_mapped_from_a_set_of_modules_bound_beside_them() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: (inputs.flake-parts.lib.evalFlakeModule { inherit inputs; } {
    imports = [ ./configurations.nix ];
  }).config.flake;
}
//- configurations.nix
{ self, inputs, ... }:
let
  common = [ ./modules/users.nix inputs.srvos.nixosModules.server ];
in
{
  flake.nixosModules = {
    rose = { imports = common ++ [ ./hosts/rose.nix ]; };
    amy = { nixpkgs.system = "aarch64-linux"; imports = [ ./hosts/amy.nix ]; };
  };
  flake.nixosConfigurations = inputs.nixpkgs.lib.mapAttrs
    (name: module: inputs.nixpkgs.lib.nixosSystem { modules = [ module ]; })
    self.nixosModules;
}
//- modules/users.nix
{ lib, ... }: { options.my.users.enable = lib.mkEnableOption "users"; }
//- hosts/rose.nix
{ ... }: { my.users.enable = true; }
//- hosts/amy.nix
{ ... }: { }
"#,
        &expect![[r#"
            host rose <- hosts/rose.nix
              imports hosts/rose.nix modules/users.nix
              my.users.enable = true at hosts/rose.nix:1
            host amy <- hosts/amy.nix
              imports hosts/amy.nix
            option my.users.enable Bool default=false category=my in modules/users.nix hosts=["rose"] toggle=true
        "#]],
    );
}

#[test]
fn folders_of_modules_scanned_by_a_helper_or_a_filter_with_alternatives() {
    check(
        r#"
//- hosts/box/default.nix
{ mylib, lib, ... }: {
  imports = (mylib.scanPaths ./.) ++ lib.mapAttrsToList (name: _: ../../extra + "/${name}")
    (lib.filterAttrs (name: type: type == "directory" || lib.hasSuffix ".nix" name)
      (builtins.readDir ../../extra));
}
//- hosts/box/audio.nix
{ lib, ... }: { options.my.audio.enable = lib.mkEnableOption "audio"; }
//- hosts/box/web/default.nix
{ lib, ... }: { options.my.web.enable = lib.mkEnableOption "web"; }
//- extra/ssh.nix
{ lib, ... }: { options.my.ssh.enable = lib.mkEnableOption "ssh"; }
//- extra/vpn/default.nix
{ lib, ... }: { options.my.vpn.enable = lib.mkEnableOption "vpn"; }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix hosts/box/audio.nix hosts/box/web/default.nix extra/ssh.nix extra/vpn/default.nix
            option my.audio.enable Bool default=false category=my in hosts/box/audio.nix hosts=["box"] toggle=true
            option my.ssh.enable Bool default=false category=my in extra/ssh.nix hosts=["box"] toggle=true
            option my.vpn.enable Bool default=false category=my in extra/vpn/default.nix hosts=["box"] toggle=true
            option my.web.enable Bool default=false category=my in hosts/box/web/default.nix hosts=["box"] toggle=true
        "#]],
    );
}

#[test]
fn lite_config_system_modules_reach_every_host_but_darwin_only_ones() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs@{ flake-parts, ... }: flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ inputs.lite-config.flakeModule ];
    lite-config = { lib, ... }: {
      hostModuleDir = ./hosts;
      hosts.build01.system = "x86_64-linux";
      systemModules = [
        ({ hostPlatform, ... }: {
          imports = lib.optionals hostPlatform.isDarwin [ ./modules/darwin ]
            ++ lib.optionals hostPlatform.isLinux [ ./modules/nixos ]
            ++ lib.optional (!hostPlatform.isDarwin) ./modules/linux-only.nix;
        })
      ];
    };
  };
}
//- hosts/build01/default.nix
{ ... }: { }
//- modules/darwin/default.nix
{ lib, ... }: { options.my.darwin.enable = lib.mkEnableOption "darwin"; }
//- modules/nixos/default.nix
{ lib, ... }: { options.my.nixos.enable = lib.mkEnableOption "nixos"; }
//- modules/linux-only.nix
{ ... }: { }
"#,
        &expect![[r#"
            host build01 <- hosts/build01/default.nix
              imports hosts/build01/default.nix modules/nixos/default.nix modules/linux-only.nix
            option my.darwin.enable Bool default=false category=darwin in modules/darwin/default.nix hosts=[] toggle=true
            option my.nixos.enable Bool default=false category=nixos in modules/nixos/default.nix hosts=["build01"] toggle=true
        "#]],
    );
}

#[test]
fn lite_config_hosts_are_its_hosts_set_but_darwin_ones() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs@{ flake-parts, ... }: flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ inputs.lite-config.flakeModule ];
    lite-config = { lib, ... }: {
      hostModuleDir = ./hosts;
      hosts = {
        build01.system = "x86_64-linux";
        mac.system = "aarch64-darwin";
        virt = {
          system = "x86_64-linux";
          hostModule = { imports = [ ./machines/virt ]; };
        };
      };
      systemModules = [ ./modules/common.nix ];
    };
  };
  flake.nixbsdConfigurations.bsd = inputs.nixbsd.lib.nixbsdSystem { modules = [ ./hosts/bsd/configuration.nix ]; };
}
//- hosts/build01/default.nix
{ ... }: { my.fast.enable = true; }
//- hosts/mac/default.nix
{ lib, ... }: { options.my.dock.enable = lib.mkEnableOption "the dock"; }
//- hosts/bsd/configuration.nix
{ lib, ... }: { options.services.telegraf.enable = lib.mkEnableOption "telegraf"; }
//- machines/virt/default.nix
{ ... }: { my.fast.enable = false; }
//- modules/common.nix
{ lib, ... }: { options.my.fast.enable = lib.mkEnableOption "fast"; }
"#,
        &expect![[r#"
            host build01 <- hosts/build01/default.nix
              imports hosts/build01/default.nix modules/common.nix
              my.fast.enable = true at hosts/build01/default.nix:1
            host virt <- machines/virt/default.nix
              imports machines/virt/default.nix modules/common.nix
              my.fast.enable = false at machines/virt/default.nix:1
            option my.fast.enable Bool default=false category=my in modules/common.nix hosts=["build01", "virt"] toggle=true
        "#]],
    );
}

#[test]
fn ez_configs_hosts_are_the_files_of_its_configurations_folder() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } {
    imports = [ inputs.ez-configs.flakeModule ];
    ezConfigs = {
      root = ./.;
      globalArgs = { inherit inputs; };
      nixos.hosts.builder.importDefault = false;
      darwin.hosts.mac.userHomeModules = [ "me" ];
    };
  };
}
//- nixos-configurations/web.nix
{ ezModules, ... }: { imports = [ ezModules.cache ]; my.fast.enable = true; }
//- nixos-configurations/builder/default.nix
{ ... }: { }
//- nixos-modules/default.nix
{ lib, ... }: { options.my.fast.enable = lib.mkEnableOption "fast"; }
//- nixos-modules/cache.nix
{ lib, ... }: { options.my.cache.enable = lib.mkEnableOption "cache"; }
//- darwin-configurations/mac.nix
{ ... }: { }
"#,
        &expect![[r#"
            host builder <- nixos-configurations/builder/default.nix
              imports nixos-configurations/builder/default.nix
            host web <- nixos-configurations/web.nix
              imports nixos-configurations/web.nix nixos-modules/cache.nix nixos-modules/default.nix
              my.fast.enable = true at nixos-configurations/web.nix:1
            option my.cache.enable Bool default=false category=my in nixos-modules/cache.nix hosts=["web"] toggle=true
            option my.fast.enable Bool default=false category=my in nixos-modules/default.nix hosts=["web"] toggle=true
        "#]],
    );
}

#[test]
fn the_entry_is_a_listed_module_not_a_home_manager_import() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, home-manager, ... }: {
    nixosConfigurations = nixpkgs.lib.genAttrs [ "x86_64-linux" ] (system: nixpkgs.lib.nixosSystem {
      modules = [
        home-manager.nixosModules.home-manager {
          home-manager.users.me = import ./modules/home.nix;
        }
        ./hosts/nixos
      ];
    });
  };
}
//- modules/home.nix
{ ... }: { programs.git.enable = true; }
//- hosts/nixos/default.nix
{ ... }: { services.openssh.enable = true; }
"#,
        &expect![[r#"
            host x86_64-linux <- hosts/nixos/default.nix
              imports hosts/nixos/default.nix
              services.openssh.enable = true at hosts/nixos/default.nix:1
            option services.openssh.enable Bool default= category=services in  hosts=["x86_64-linux"] toggle=true
        "#]],
    );
}

#[test]
fn hosts_mapped_over_the_entries_of_a_folder() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs:
    let
      lib = import ./lib { inherit inputs; };
      inherit (lib) findModules;
    in {
      profiles = findModules ./profiles;
      nixosConfigurations = import ./nixos { inherit inputs lib; };
    } // inputs.flake-utils.lib.eachDefaultSystem (system: { });
}
//- lib/default.nix
{ inputs }: inputs.nixpkgs.lib // {
  findModules = dir: builtins.mapAttrs (name: _: dir + "/${name}") (builtins.readDir dir);
}
//- nixos/default.nix
{ inputs, lib }:
with inputs;
lib.pipe ./. [
  lib.findModules
  (builtins.mapAttrs (name: path: lib.nixosSystem {
    modules = [ { networking.hostName = name; } path ];
  }))
]
//- nixos/laptop/default.nix
{ inputs, ... }: { imports = with inputs; [ ./hardware.nix self.profiles.users.me ]; my.fast.enable = true; }
//- nixos/laptop/hardware.nix
{ ... }: { }
//- nixos/server.nix
{ ... }: { imports = [ inputs.self.profiles.base ]; }
//- nixos/_shared/default.nix
{ ... }: { }
//- profiles/users/me/default.nix
{ lib, ... }: { options.my.fast.enable = lib.mkEnableOption "fast"; }
//- profiles/base.nix
{ ... }: { }
"#,
        &expect![[r#"
            host laptop <- nixos/laptop/default.nix
              imports nixos/laptop/default.nix nixos/laptop/hardware.nix profiles/users/me/default.nix
              my.fast.enable = true at nixos/laptop/default.nix:1
            host server <- nixos/server.nix
              imports nixos/server.nix profiles/base.nix
            option my.fast.enable Bool default=false category=my in profiles/users/me/default.nix hosts=["laptop"] toggle=true
        "#]],
    );
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations = with nixpkgs.lib; mapAttrs
      (name: module: nixosSystem { modules = [ ./common.nix module ]; })
      (rakeLeaves ./machines);
  };
}
//- common.nix
{ ... }: { }
//- machines/a.nix
{ ... }: { }
//- machines/b/default.nix
{ ... }: { }
"#,
        &expect![[r#"
            host a <- machines/a.nix
              imports machines/a.nix common.nix
            host b <- machines/b/default.nix
              imports machines/b/default.nix common.nix
        "#]],
    );
}

#[test]
fn hosts_and_modules_of_a_dendritic_flake_parts_tree() {
    check(
        r#"
//- flake.nix
{
  inputs.import-tree.url = "github:vic/import-tree";
  outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules);
}
//- modules/hosts/default.nix
{ inputs, config, ... }:
{
  flake.nixosConfigurations =
    let
      mk = name: {
        ${name} = inputs.nixpkgs.lib.nixosSystem {
          modules = [ config.flake.modules.nixos.base config.flake.modules.nixos.${name} ];
        };
      };
    in
    (mk "rasp") // (mk "nas");
}
//- modules/hosts/rasp.nix
{ flake.modules.nixos.rasp = { lib, ... }: { boot.loader.grub.enable = false; }; }
//- modules/hosts/nas.nix
{ config, ... }:
{
  flake.modules.nixos.nas = {
    imports = with config.flake.modules.nixos; [ desktop ];
    services.openssh.enable = lib.mkForce false;
  };
}
//- modules/dns/default.nix
{ flake.modules.nixos.rasp = { services.blocky.enable = true; }; }
//- modules/base.nix
{
  flake = {
    modules.nixos.base = { lib, ... }: {
      options.my.docker.enable = lib.mkEnableOption "docker";
      config.services.openssh.enable = true;
    };
    modules.homeManager.base = { programs.kitty.enable = true; };
  };
  perSystem = { pkgs, ... }: { };
}
//- modules/desktop.nix
{ flake.modules.nixos.desktop = ./_desktop.nix; }
//- modules/_desktop.nix
{ services.xserver.enable = true; }
//- modules/missing.nix
{ config, ... }: { flake.modules.nixos.broken.imports = [ config.flake.modules.nixos.nowhere ]; }
"#,
        &expect![[r#"
            host rasp <- modules/hosts/rasp.nix#modules.nixos.rasp
              imports modules/hosts/rasp.nix#modules.nixos.rasp modules/base.nix#modules.nixos.base modules/dns/default.nix#modules.nixos.rasp
              boot.loader.grub.enable = false at modules/hosts/rasp.nix#modules.nixos.rasp:1
              services.blocky.enable = true at modules/dns/default.nix#modules.nixos.rasp:1
              services.openssh.enable = true at modules/base.nix#modules.nixos.base:5 (template)
            host nas <- modules/hosts/nas.nix#modules.nixos.nas
              imports modules/hosts/nas.nix#modules.nixos.nas modules/_desktop.nix modules/base.nix#modules.nixos.base
              services.openssh.enable = false [mkForce] at modules/hosts/nas.nix#modules.nixos.nas:5
            option boot.loader.grub.enable Bool default= category=boot in  hosts=["rasp", "nas"] toggle=true
            option my.docker.enable Bool default=false category=my in modules/base.nix#modules.nixos.base hosts=["rasp", "nas"] toggle=true
            option services.blocky.enable Bool default= category=services in  hosts=["rasp", "nas"] toggle=true
            option services.openssh.enable Bool default= category=services in  hosts=["rasp", "nas"] toggle=true
        "#]],
    );
}

#[test]
fn dendritic_modules_bound_in_a_let_and_into_from_outside() {
    check(
        r#"
//- flake.nix
{ outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules); }
//- modules/flake/hosts.nix
{ inputs, ... }:
let
  linux = name: inputs.nixpkgs.lib.nixosSystem {
    modules = [ inputs.self.modules.nixos.${name} ];
  };
  flake.nixosConfigurations = { pi = linux "pi"; };
in
{
  inherit flake;
}
//- modules/hosts/pi/configuration.nix
{ inputs, ... }:
let
  flake.modules.nixos.pi.imports = with inputs.self.modules.nixos; [ ssh music ];
  music = { services.navidrome.enable = true; };
in
{
  inherit flake;
}
//- modules/hosts/pi/hardware.nix
{ flake.modules.nixos.pi = { lib, ... }: { hardware.enableRedistributableFirmware = true; }; }
//- modules/hosts/pi/network.nix
{ flake.modules.nixos.pi.networking.useNetworkd = true; }
//- modules/ssh.nix
{ flake.modules.nixos.ssh.services.openssh.enable = lib.mkDefault true; }
//- modules/_unused.nix
{ flake.modules.nixos.ssh = { services.openssh.enable = false; }; }
"#,
        &expect![[r#"
            host pi <- modules/hosts/pi/hardware.nix#modules.nixos.pi
              imports modules/hosts/pi/hardware.nix#modules.nixos.pi modules/hosts/pi/configuration.nix#modules.nixos.pi modules/ssh.nix#modules.nixos.ssh modules/hosts/pi/network.nix#modules.nixos.pi
              hardware.enableRedistributableFirmware = true at modules/hosts/pi/hardware.nix#modules.nixos.pi:1
              networking.useNetworkd = true at modules/hosts/pi/network.nix#modules.nixos.pi:1
            option hardware.enableRedistributableFirmware Bool default= category=hardware in  hosts=["pi"] toggle=true
            option networking.useNetworkd Bool default= category=networking in  hosts=["pi"] toggle=true
        "#]],
    );
}

#[test]
fn dendritic_helpers_given_few_arguments_profiles_and_other_flakes() {
    check(
        r#"
//- flake.nix
{
  outputs = inputs:
    let
      mkA = name: { nixosConfigurations.${name} = inputs.nixpkgs.lib.nixosSystem { modules = [ ./hosts/${name} ]; }; };
      mkB = system: extra: name: { nixosConfigurations.${name} = inputs.nixpkgs.lib.nixosSystem { modules = extra; }; };
      mkLinux = mkB "x86_64-linux";
    in
    inputs.nixpkgs.lib.foldl' inputs.nixpkgs.lib.recursiveUpdate { } [ (mkLinux [ ] "pc") (mkA "tv") ];
}
//- hosts/tv/default.nix
{ ... }: { imports = [ ../../modules/hardware/rpi4.nix ]; }
//- modules/hardware/rpi4.nix
{ flake.modules.nixos.rpi4 = { hardware.enableRedistributableFirmware = true; }; }
"#,
        &expect![[r#"
            host tv <- hosts/tv/default.nix
              hardware ["modules/hardware/rpi4.nix"] nixos-hardware []
              imports hosts/tv/default.nix modules/hardware/rpi4.nix
            profile rpi4 modules/hardware/rpi4.nix Data ["tv"]
        "#]],
    );
    check(
        r#"
//- flake.nix
{ outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules); }
//- modules/hosts.nix
{ inputs, config, ... }:
{
  flake.nixosConfigurations.pi = inputs.nixpkgs.lib.nixosSystem {
    modules = [ config.flake.modules.nixos.pi config.flake.modules.nixos.rpi4 ];
  };
}
//- modules/pi.nix
{ config, ... }:
{
  flake.modules.nixos.pi = {
    imports = [ config.flake.modules.nixos.base config.flake.modules.nixos.jellyfin ];
    homelab.services.jellyfin.enable = true;
  };
}
//- modules/jellyfin.nix
{
  flake.modules.nixos.jellyfin = { lib, ... }:
    let
      service = "jellyfin";
    in
    {
      options.homelab.services.${service}.enable = lib.mkEnableOption "jellyfin";
    };
}
//- modules/hardware/rpi4.nix
{ flake.modules.nixos.rpi4 = { lib, ... }: { hardware.enableRedistributableFirmware = true; }; }
//- templates/starter/flake.nix
{ outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules); }
//- templates/starter/modules/base.nix
{ flake.modules.nixos.base = { services.xserver.enable = true; }; }
"#,
        &expect![[r#"
            host pi <- modules/pi.nix#modules.nixos.pi
              hardware ["modules/hardware/rpi4.nix"] nixos-hardware []
              imports modules/pi.nix#modules.nixos.pi modules/jellyfin.nix#modules.nixos.jellyfin modules/hardware/rpi4.nix#modules.nixos.rpi4
              hardware.enableRedistributableFirmware = true at modules/hardware/rpi4.nix#modules.nixos.rpi4:1
              homelab.services.jellyfin.enable = true at modules/pi.nix#modules.nixos.pi:5
            option hardware.enableRedistributableFirmware Bool default= category=hardware in  hosts=["pi"] toggle=true
            option homelab.services.jellyfin.enable Bool default=false category=homelab in modules/jellyfin.nix#modules.nixos.jellyfin hosts=["pi"] toggle=true
            template flake templates/starter/flake.nix []
            template base templates/starter/modules/base.nix []
            profile rpi4 modules/hardware/rpi4.nix Data ["pi"]
            problem modules/pi.nix: no file of the repository defines `flake.modules.nixos.base`
        "#]],
    );
}

#[test]
fn options_of_modules_only_other_classes_reach_are_no_nixos_toggles() {
    check(
        r#"
//- flake.nix
{
  inputs.darwin.url = "github:lnl7/nix-darwin";
  inputs.home-manager.url = "github:nix-community/home-manager";
  outputs = { nixpkgs, darwin, home-manager, ... }: {
    nixosConfigurations.box = nixpkgs.lib.nixosSystem { modules = [ ./hosts/box ./modules/shared ]; };
    darwinConfigurations.mac = darwin.lib.darwinSystem { modules = [ ./hosts/mac ./modules/shared ]; };
    homeConfigurations."me@box" = home-manager.lib.homeManagerConfiguration {
      modules = [ ./home/me.nix ];
    };
  };
}
//- hosts/box/default.nix
{ ... }: { my.shared.enable = true; }
//- hosts/mac/default.nix
{ ... }: { imports = [ ../../modules/darwin ]; my.dock.enable = true; }
//- modules/shared/default.nix
{ lib, ... }: { options.my.shared.enable = lib.mkEnableOption "shared"; }
//- modules/darwin/default.nix
{ lib, ... }: { options.my.dock.enable = lib.mkEnableOption "the dock"; }
//- home/me.nix
{ lib, ... }: { options.my.shell.enable = lib.mkEnableOption "a shell"; }
//- modules/optional/vpn.nix
{ lib, ... }: { options.my.vpn.enable = lib.mkEnableOption "vpn"; }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix modules/shared/default.nix
              my.shared.enable = true at hosts/box/default.nix:1
            option my.shared.enable Bool default=false category=shared in modules/shared/default.nix hosts=["box"] toggle=true
            option my.vpn.enable Bool default=false category=optional in modules/optional/vpn.nix hosts=[] toggle=true
        "#]],
    );
}

#[test]
fn a_helper_file_applied_to_its_arguments_first_choosing_the_system_function() {
    check(
        r#"
//- flake.nix
{
  inputs.darwin.url = "github:lnl7/nix-darwin";
  outputs = { nixpkgs, darwin, ... }@inputs: let
    mkSystem = import ./lib/mksystem.nix { inherit nixpkgs inputs; };
  in {
    nixosConfigurations.vm = mkSystem "vm" { system = "x86_64-linux"; };
    darwinConfigurations.mac = mkSystem "mac" { system = "aarch64-darwin"; darwin = true; };
  };
}
//- lib/mksystem.nix
{ nixpkgs, inputs }:

name:
{ system, darwin ? false }:

let
  machineConfig = ../machines/${name}.nix;
  systemFunc = if darwin then inputs.darwin.lib.darwinSystem else nixpkgs.lib.nixosSystem;
in systemFunc rec {
  inherit system;
  modules = [
    { nixpkgs.config.allowUnfree = true; }
    machineConfig
  ];
}
//- machines/vm.nix
{ ... }: { imports = [ ../modules/guest.nix ]; my.guest.enable = true; }
//- machines/mac.nix
{ lib, ... }: { options.my.dock.enable = lib.mkEnableOption "the dock"; }
//- modules/guest.nix
{ lib, ... }:
{
  imports = [ (lib.mkRenamedOptionModule [ "my" "vmGuest" ] [ "my" "guest" "enable" ]) ];
  options.my.guest.enable = lib.mkEnableOption "guest tools";
}
"#,
        &expect![[r#"
            host vm <- machines/vm.nix
              imports machines/vm.nix modules/guest.nix
              my.guest.enable = true at machines/vm.nix:1
            option my.guest.enable Bool default=false category=my in modules/guest.nix hosts=["vm"] toggle=true
        "#]],
    );
}

#[test]
fn options_of_modules_setting_home_manager_or_darwin_options_are_no_nixos_toggles() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, home-manager, ... }: {
    nixosConfigurations.box = nixpkgs.lib.nixosSystem {
      modules = [
        ./hosts/box
        home-manager.nixosModules.home-manager
        { home-manager.users.me = import ./hosts/box/home.nix; }
      ];
    };
  };
}
//- hosts/box/default.nix
{ ... }: { my.vpn.enable = true; }
//- hosts/box/home.nix
{ ... }: { imports = [ ../../home ]; my-home.git.enable = true; }
//- home/default.nix
{ lib, ... }:
{
  imports = [ ./git.nix ];
  options.my-home.fonts = lib.mkEnableOption "fonts";
  config.home.stateVersion = "24.05";
}
//- home/git.nix
{ config, lib, ... }:
{
  options.my-home.git.enable = lib.mkEnableOption "git";
  config = lib.mkIf config.my-home.git.enable { programs.git.enable = true; };
}
//- darwin/default.nix
{ lib, ... }:
{
  options.my-darwin.touchId = lib.mkEnableOption "sudo with Touch ID";
  config = lib.mkMerge [ { system = { defaults.dock.autohide = true; }; } ];
}
//- modules/vpn.nix
{ lib, ... }: { options.my.vpn.enable = lib.mkEnableOption "vpn"; }
//- modules/system.nix
{ lib, ... }: { options.my.boot.quiet = lib.mkEnableOption "quiet boot"; config.system.stateVersion = "24.05"; }
"#,
        &expect![[r#"
            host box <- hosts/box/default.nix
              imports hosts/box/default.nix
              my.vpn.enable = true at hosts/box/default.nix:1
            option my.boot.quiet Bool default=false category=my in modules/system.nix hosts=[] toggle=true
            option my.vpn.enable Bool default=false category=my in modules/vpn.nix hosts=[] toggle=true
        "#]],
    );
}

#[test]
fn one_shared_module_importing_each_hosts_files_by_the_arguments_its_definition_gives() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }@inputs: let
    mkHost = { hostname, desktop ? null }: nixpkgs.lib.nixosSystem {
      specialArgs = { inherit inputs hostname desktop; };
      modules = [ ./host ];
    };
  in {
    nixosConfigurations = {
      freyja = mkHost { hostname = "freyja"; desktop = "hyprland"; };
      thor = mkHost { hostname = "thor"; };
      hugin = nixpkgs.lib.nixosSystem {
        specialArgs.hostname = "hugin";
        modules = [ ./host ];
      };
    };
  };
}
//- host/default.nix
{ lib, hostname, desktop, username, ... }:
{
  imports = [
    (./. + "/${hostname}/boot.nix")
    ./${hostname}/hardware.nix
    ./common/base
    ./common/users/${username}
  ]
  ++ lib.optional (builtins.pathExists (./. + "/${hostname}/extra.nix")) ./${hostname}/extra.nix
  ++ lib.optional (builtins.isString desktop) ./common/desktop;
}
//- host/common/base/default.nix
{ lib, ... }: { options.my.base.enable = lib.mkEnableOption "base"; }
//- host/common/desktop/default.nix
{ ... }: { services.xserver.enable = true; }
//- host/freyja/boot.nix
{ ... }: { boot.loader.systemd-boot.enable = true; }
//- host/freyja/hardware.nix
{ ... }: { my.base.enable = true; }
//- host/freyja/extra.nix
{ ... }: { services.tailscale.enable = true; }
//- host/thor/boot.nix
{ ... }: { boot.loader.grub.enable = true; }
//- host/thor/hardware.nix
{ ... }: { }
//- host/hugin/hardware.nix
{ ... }: { }
"#,
        &expect![[r#"
            host freyja <- host/freyja/boot.nix
              imports host/freyja/boot.nix host/default.nix host/common/base/default.nix host/freyja/hardware.nix host/freyja/extra.nix host/common/desktop/default.nix
              boot.loader.systemd-boot.enable = true at host/freyja/boot.nix:1
              my.base.enable = true at host/freyja/hardware.nix:1
              services.tailscale.enable = true at host/freyja/extra.nix:1
            host thor <- host/thor/boot.nix
              imports host/thor/boot.nix host/default.nix host/common/base/default.nix host/thor/hardware.nix
              boot.loader.grub.enable = true at host/thor/boot.nix:1
            host hugin <- host/hugin/hardware.nix
              imports host/hugin/hardware.nix host/default.nix host/common/base/default.nix
            option boot.loader.grub.enable Bool default= category=boot in  hosts=["freyja", "thor", "hugin"] toggle=true
            option boot.loader.systemd-boot.enable Bool default= category=boot in  hosts=["freyja", "thor", "hugin"] toggle=true
            option my.base.enable Bool default=false category=my in host/common/base/default.nix hosts=["freyja", "thor", "hugin"] toggle=true
            option services.tailscale.enable Bool default= category=services in  hosts=["freyja", "thor", "hugin"] toggle=true
            problem host/default.nix: imported file `./. + "/${hostname}/boot.nix"` does not exist with hostname = "hugin"
            problem host/default.nix: dynamic import `./common/users/${username}`, not followed
        "#]],
    );
}

#[test]
fn options_of_an_input_module_exist_on_the_hosts_importing_it_through_nested_helpers() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, home-manager, ... }@inputs: let
    mkHostFrom = name: entry: nixpkgs.lib.nixosSystem {
      modules = [ entry home-manager.nixosModules.home-manager ];
    };
    mkHost = name: mkHostFrom name ./hosts/${name}/configuration.nix;
  in {
    nixosConfigurations = {
      desk = mkHost "desk";
      laptop = mkHost "laptop";
      router = nixpkgs.lib.nixosSystem { modules = [ ./hosts/router/configuration.nix ]; };
    };
  };
}
//- hosts/desk/configuration.nix
{ ... }: { home-manager.useGlobalPkgs = true; home-manager.users.me.programs.git.enable = true; }
//- hosts/laptop/configuration.nix
{ ... }: { }
//- hosts/router/configuration.nix
{ ... }: { }
"#,
        &expect![[r#"
            host desk <- hosts/desk/configuration.nix
              imports hosts/desk/configuration.nix
              home-manager.useGlobalPkgs = true at hosts/desk/configuration.nix:1
              home-manager.users.me.programs.git.enable = true at hosts/desk/configuration.nix:1
            host laptop <- hosts/laptop/configuration.nix
              imports hosts/laptop/configuration.nix
            host router <- hosts/router/configuration.nix
              imports hosts/router/configuration.nix
            option home-manager.useGlobalPkgs Bool default= category=home-manager in  hosts=["desk", "laptop"] toggle=true
            option home-manager.users.me.programs.git.enable Bool default= category=home-manager in  hosts=["desk"] toggle=true
        "#]],
    );
}

#[test]
fn the_value_set_at_the_highest_priority_wins_wherever_it_is_set() {
    check(
        r#"
//- hosts/box/configuration.nix
{ lib, ... }:
{
  imports = [ ./hardware-configuration.nix ../../modules/common.nix ];
  services.printing.enable = lib.mkDefault true;
  services.avahi.enable = false;
}
//- hosts/box/hardware-configuration.nix
{ lib, ... }: { networking.useDHCP = lib.mkDefault true; services.avahi.enable = lib.mkForce true; }
//- modules/common.nix
{ ... }: { networking.useDHCP = false; services.printing.enable = false; }
"#,
        &expect![[r#"
            host box <- hosts/box/configuration.nix
              imports hosts/box/configuration.nix hosts/box/hardware-configuration.nix modules/common.nix
              networking.useDHCP = false at modules/common.nix:1 (template)
              services.avahi.enable = true [mkForce] at hosts/box/hardware-configuration.nix:1
              services.printing.enable = false at modules/common.nix:1 (template)
            option networking.useDHCP Bool default= category=networking in  hosts=["box"] toggle=true
            option services.avahi.enable Bool default= category=services in  hosts=["box"] toggle=true
            option services.printing.enable Bool default= category=services in  hosts=["box"] toggle=true
        "#]],
    );
}

#[test]
fn a_named_entry_a_shared_module_sets_is_on_every_host_importing_it() {
    check(
        r#"
//- hosts/desk/configuration.nix
{ ... }: { imports = [ ../../modules/users.nix ]; users.users.me.linger = true; }
//- hosts/laptop/configuration.nix
{ ... }: { imports = [ ../../modules/users.nix ]; }
//- hosts/router/configuration.nix
{ ... }: { }
//- modules/users.nix
{ ... }: { users.users.me = { isNormalUser = true; extraGroups = [ "wheel" ]; }; }
"#,
        &expect![[r#"
            host desk <- hosts/desk/configuration.nix
              imports hosts/desk/configuration.nix modules/users.nix
              users.users.me.linger = true at hosts/desk/configuration.nix:1
            host laptop <- hosts/laptop/configuration.nix
              imports hosts/laptop/configuration.nix modules/users.nix
            host router <- hosts/router/configuration.nix
              imports hosts/router/configuration.nix
            option users.users.me.linger Bool default= category=users in  hosts=["desk", "laptop"] toggle=true
        "#]],
    );
}

#[test]
fn a_list_joined_to_a_nixpkgs_named_list_and_home_options_the_repository_declares() {
    check(
        r#"
//- hosts/box/configuration.nix
{ lib, ... }:
let
  nixpkgsModules = [ ./hardware.nix ];
in
{
  imports = nixpkgsModules ++ [ ./extra.nix ];
  options.home.configFile = lib.mkOption { type = lib.types.attrs; default = { }; };
}
//- hosts/box/hardware.nix
{ ... }: { }
//- hosts/box/extra.nix
{ ... }: { }
//- modules/optional/dotfiles.nix
{ config, lib, ... }:
{
  options.my.dotfiles.enable = lib.mkEnableOption "dotfiles";
  config = lib.mkIf config.my.dotfiles.enable { home.configFile."git/config".text = ""; };
}
"#,
        &expect![[r#"
            host box <- hosts/box/configuration.nix
              imports hosts/box/configuration.nix hosts/box/hardware.nix hosts/box/extra.nix
            option home.configFile Other { type_text: "lib.types.attrs" } default={ } category=home in hosts/box/configuration.nix hosts=["box"] toggle=false
            option my.dotfiles.enable Bool default=false category=optional in modules/optional/dotfiles.nix hosts=[] toggle=true
        "#]],
    );
}

#[test]
fn hosts_mapped_over_the_folders_a_listing_reads_with_paths_added_to_a_string() {
    check(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }@inputs: let
    lib = nixpkgs.lib;
    hosts = builtins.filter (x: x != null) (
      lib.mapAttrsToList (name: value: if value == "directory" then name else null)
        (builtins.readDir ./hosts)
    );
  in {
    nixosConfigurations = builtins.listToAttrs (map (host: {
      name = host;
      value = lib.nixosSystem {
        modules = [ { networking.hostName = host; } (./hosts + "/${host}") ./modules/system ];
      };
    }) hosts);
  };
}
//- hosts/snowfire/default.nix
{ ... }: { imports = [ ./configuration.nix ]; }
//- hosts/snowfire/configuration.nix
{ ... }: { systemSettings.bluetooth.enable = true; }
//- hosts/ori/default.nix
{ ... }: { }
//- modules/system/default.nix
{ lib, ... }: { options.systemSettings.bluetooth.enable = lib.mkEnableOption "bluetooth"; }
"#,
        &expect![[r#"
            host ori <- hosts/ori/default.nix
              imports hosts/ori/default.nix modules/system/default.nix
            host snowfire <- hosts/snowfire/configuration.nix
              imports hosts/snowfire/configuration.nix modules/system/default.nix hosts/snowfire/default.nix
              systemSettings.bluetooth.enable = true at hosts/snowfire/configuration.nix:1
            option systemSettings.bluetooth.enable Bool default=false category=system in modules/system/default.nix hosts=["ori", "snowfire"] toggle=true
        "#]],
    );
}
