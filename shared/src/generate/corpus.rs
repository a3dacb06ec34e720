//! Generates a multi-megabyte corpus of realistic Nix files for lint benchmarks.
//!
//! The files follow the shapes of FIELD.md: NixOS service modules with options,
//! `mkIf` and assertions; long, commented host files with imports, users, services and
//! package lists; package derivations; home-manager files; library helpers with `let`,
//! lambdas and `builtins` calls; flakes and overlays. Names, sizes, ordering and
//! comments vary per file, and a few anti-patterns appear at realistic rates (an unused
//! binding, `== true`, a stacked `with`), so every rule has work to do. Same seed, same
//! bytes.

use std::fmt::Write;

/// A small deterministic generator (xorshift64*).
struct Random(u64);

impl Random {
    fn new(seed: u64) -> Random {
        Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(bound.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const WORDS: &[&str] = &[
    "media",
    "backup",
    "grafana",
    "loki",
    "prometheus",
    "tailscale",
    "openssh",
    "nginx",
    "caddy",
    "postgres",
    "redis",
    "syncthing",
    "jellyfin",
    "immich",
    "paperless",
    "homepage",
    "gitea",
    "restic",
    "borg",
    "wireguard",
    "blocky",
    "adguard",
    "unbound",
    "zigbee",
    "mosquitto",
    "ollama",
    "frigate",
    "vaultwarden",
    "navidrome",
    "audiobookshelf",
    "miniflux",
    "ntfy",
];
const PACKAGES: &[&str] = &[
    "git", "vim", "neovim", "htop", "btop", "ripgrep", "fd", "jq", "yq", "curl", "wget", "tmux",
    "zellij", "direnv", "nix-tree", "nvd", "age", "sops", "rsync", "unzip", "file", "tree", "bat",
    "eza", "fzf", "zoxide", "starship", "helix", "lazygit", "gh", "just", "pciutils",
];
const HOSTS: &[&str] = &["p620", "razer", "p510", "dex5550", "hp", "samsung", "nuc", "pi4"];
const COMMENTS: &[&str] = &[
    "# keep this in sync with the router config",
    "# TODO: move to a module once the second host needs it",
    "# see https://nixos.wiki for the details",
    "# the defaults are fine, but be explicit",
    "# enabled after the 24.05 upgrade",
    "# owner: infra; do not change without a ticket",
];

/// Generated files as `(relative path, contents)`, at least `min_bytes` in total.
pub fn generate(seed: u64, min_bytes: usize) -> Vec<(String, String)> {
    let mut random = Random::new(seed);
    let mut files = Vec::new();
    let mut total = 0;
    let mut index = 0;
    while total < min_bytes {
        let (path, text) = match index % 7 {
            0 | 1 => (
                format!("modules/services/{}-{index}.nix", random.pick(WORDS)),
                service_module(&mut random),
            ),
            2 => (
                format!("hosts/{}-{index}/configuration.nix", random.pick(HOSTS)),
                host_file(random.next(), 120 + random.below(500)),
            ),
            3 => (
                format!("pkgs/{}-{index}/default.nix", random.pick(PACKAGES)),
                package(&mut random),
            ),
            4 => (format!("home/{}-{index}.nix", random.pick(HOSTS)), home_file(&mut random)),
            5 => (format!("lib/helpers-{index}.nix"), library(&mut random)),
            _ => (format!("flakes/{index}/flake.nix"), flake(&mut random)),
        };
        total += text.len();
        files.push((path, text));
        index += 1;
    }
    files
}

fn service_module(random: &mut Random) -> String {
    let name = random.pick(WORDS);
    let mut out = String::new();
    let style = random.below(3);
    let _ = writeln!(out, "# {name}: a service module of this fleet.");
    match style {
        0 => out.push_str("{ config, lib, pkgs, ... }:\nlet\n  inherit (lib) mkEnableOption mkOption mkIf types;\n"),
        1 => out.push_str("{ config, lib, pkgs, ... }:\nwith lib;\nlet\n"),
        _ => out.push_str("{\n  config,\n  lib,\n  pkgs,\n  ...\n}:\nlet\n"),
    }
    let _ = writeln!(out, "  cfg = config.services.{name}-fleet;");
    if random.chance(30) {
        let _ = writeln!(out, "  defaultPort = {};", 1000 + random.below(60000));
    }
    let _ = writeln!(out, "  stateDir = \"/var/lib/{name}\";\nin\n{{");
    let _ = writeln!(
        out,
        "  options.services.{name}-fleet = {{\n    enable = lib.mkEnableOption \"the {name} service\";"
    );
    for option in 0..1 + random.below(5) {
        let _ = writeln!(
            out,
            "    setting{option} = lib.mkOption {{\n      type = lib.types.{};\n      default = {};\n      description = \"Setting {option} of {name}.\";\n    }};",
            random.pick(&["str", "int", "bool", "port"]),
            random.pick(&["\"auto\"", "8080", "false", "null"])
        );
    }
    out.push_str("    port = lib.mkOption {\n      type = lib.types.port;\n      default = 8080;\n      description = \"Listen port.\";\n    };\n  };\n\n");
    out.push_str("  config = lib.mkIf cfg.enable {\n");
    let _ = writeln!(
        out,
        "    assertions = [\n      {{\n        assertion = cfg.enable -> config.networking.firewall.enable;\n        message = \"{name} needs the firewall\";\n      }}\n    ];"
    );
    let _ = writeln!(
        out,
        "    users.users.{name} = {{\n      isSystemUser = true;\n      group = \"{name}\";\n      home = stateDir;\n    }};\n    users.groups.{name} = {{ }};"
    );
    let _ = writeln!(
        out,
        "    systemd.services.{name} = {{\n      description = \"{name}\";\n      wantedBy = [ \"multi-user.target\" ];\n      after = [ \"network-online.target\" ];"
    );
    let user_line =
        if random.chance(85) { format!("        User = \"{name}\";\n") } else { String::new() };
    let _ = writeln!(
        out,
        "      serviceConfig = {{\n{user_line}        ExecStart = \"${{pkgs.{}}}/bin/{name} --port ${{toString cfg.port}}\";\n        StateDirectory = \"{name}\";\n        Restart = \"on-failure\";\n        ProtectSystem = \"strict\";\n      }};\n    }};",
        random.pick(PACKAGES)
    );
    if random.chance(20) {
        out.push_str("    networking.firewall.allowedTCPPorts = lib.optional (cfg.enable == true) cfg.port;\n");
    } else {
        out.push_str("    networking.firewall.allowedTCPPorts = [ cfg.port ];\n");
    }
    if style == 1 {
        let _ = writeln!(
            out,
            "    environment.systemPackages = with pkgs; [ {} {} ];",
            random.pick(PACKAGES),
            random.pick(PACKAGES)
        );
    }
    out.push_str("  };\n}\n");
    out
}

/// One long, commented host file of about `lines` lines.
pub fn host_file(seed: u64, lines: usize) -> String {
    let mut random = Random::new(seed);
    let host = random.pick(HOSTS);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Host {host}: the machine under the desk.\n{{ config, lib, pkgs, inputs, ... }}:\nlet\n  variables = import ./variables.nix {{ }};\n  inherit (variables) username;\nin\n{{"
    );
    out.push_str("  imports = [\n    ./hardware-configuration.nix\n    ../../modules/common.nix\n    inputs.nixos-hardware.nixosModules.common-cpu-amd\n  ];\n\n");
    let _ = writeln!(
        out,
        "  networking.hostName = \"{host}\";\n  networking.networkmanager.enable = true;\n  time.timeZone = \"Europe/London\";\n"
    );
    let mut section = 0;
    while out.lines().count() < lines {
        section += 1;
        if random.chance(40) {
            let _ = writeln!(out, "  {}", random.pick(COMMENTS));
        }
        match random.below(8) {
            0 => {
                let word = random.pick(WORDS);
                let _ = writeln!(
                    out,
                    "  services.{word}.enable = true;\n  services.{word}.openFirewall = lib.mkDefault false;"
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  features = {{\n    development = {{\n      enable = true;\n      python = {};\n    }};\n    desktop.enable = lib.mkForce {};\n  }};",
                    random.pick(&["true", "false"]),
                    random.pick(&["true", "false"])
                );
            }
            2 => {
                out.push_str("  environment.systemPackages = with pkgs; [\n");
                for _ in 0..3 + random.below(12) {
                    let _ = writeln!(out, "    {}", random.pick(PACKAGES));
                }
                out.push_str("  ];\n");
            }
            3 => {
                let _ = writeln!(
                    out,
                    "  users.users.user{section} = {{\n    isNormalUser = true;\n    extraGroups = [ \"wheel\" \"networkmanager\" \"docker\" ];\n    shell = pkgs.zsh;\n    openssh.authorizedKeys.keys = [ \"ssh-ed25519 AAAAC3Nza{section} user@{host}\" ];\n  }};"
                );
            }
            4 => {
                let _ = writeln!(
                    out,
                    "  fileSystems.\"/mnt/data{section}\" = {{\n    device = \"/dev/disk/by-label/data{section}\";\n    fsType = \"ext4\";\n    options = [ \"noatime\" \"nofail\" ];\n  }};"
                );
            }
            5 => {
                let word = random.pick(WORDS);
                let _ = writeln!(
                    out,
                    "  systemd.services.{word}-sync{section} = {{\n    script = ''\n      ${{pkgs.rsync}}/bin/rsync -a /srv/{word}/ /mnt/backup/{word}/\n    '';\n    startAt = \"daily\";\n    serviceConfig = {{\n      DynamicUser = true;\n    }};\n  }};"
                );
            }
            6 => {
                let _ = writeln!(
                    out,
                    "  boot.kernel.sysctl.\"net.core.rmem_max{section}\" = {};\n  boot.kernelParams = [ \"quiet\" \"mitigations=auto\" ];",
                    1024 * random.below(8192)
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  programs.{} = {{\n    enable = true;\n    settings = {{ theme = \"{}\"; size = {}; }};\n  }};",
                    random.pick(PACKAGES),
                    random.pick(WORDS),
                    random.below(40)
                );
            }
        }
        out.push('\n');
    }
    out.push_str("  system.stateVersion = \"24.05\";\n}\n");
    out
}

fn package(random: &mut Random) -> String {
    let name = random.pick(PACKAGES);
    let version = format!("{}.{}.{}", random.below(5), random.below(20), random.below(10));
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{{\n  lib,\n  stdenv,\n  fetchFromGitHub,\n  pkg-config,\n  openssl,\n  ...\n}}:\n\nstdenv.mkDerivation rec {{\n  pname = \"{name}\";\n  version = \"{version}\";\n"
    );
    let _ = writeln!(
        out,
        "  src = fetchFromGitHub {{\n    owner = \"example\";\n    repo = pname;\n    rev = \"v${{version}}\";\n    hash = \"sha256-{}=\";\n  }};\n",
        random.next()
    );
    out.push_str("  nativeBuildInputs = [ pkg-config ];\n  buildInputs = [ openssl ];\n\n");
    if random.chance(50) {
        out.push_str("  postPatch = ''\n    substituteInPlace Makefile --replace-fail /usr/local $out\n  '';\n\n");
    }
    let _ = writeln!(
        out,
        "  meta = with lib; {{\n    description = \"The {name} tool\";\n    homepage = \"https://github.com/example/{name}\";\n    license = licenses.mit;\n    platforms = platforms.linux;\n  }};\n}}"
    );
    out
}

fn home_file(random: &mut Random) -> String {
    let mut out = String::from(
        "{ config, pkgs, lib, ... }:\n{\n  home.stateVersion = \"24.05\";\n  home.packages = with pkgs; [\n",
    );
    for _ in 0..4 + random.below(20) {
        let _ = writeln!(out, "    {}", random.pick(PACKAGES));
    }
    out.push_str("  ];\n\n  programs.git = {\n    enable = true;\n    userName = \"Someone\";\n    extraConfig.init.defaultBranch = \"main\";\n  };\n");
    for _ in 0..random.below(6) {
        let _ = writeln!(
            out,
            "  programs.{}.enable = {};",
            random.pick(PACKAGES),
            random.pick(&["true", "lib.mkDefault true", "config.programs.git.enable"])
        );
    }
    out.push_str(
        "  xdg.configFile.\"app/config.toml\".text = ''\n    theme = \"dark\"\n  '';\n}\n",
    );
    out
}

fn library(random: &mut Random) -> String {
    let mut out = String::from(
        "{ lib }:\nlet\n  inherit (lib) mapAttrs filterAttrs concatStringsSep optionalString;\n",
    );
    if random.chance(30) {
        out.push_str("  unusedHelper = x: x;\n");
    }
    out.push_str("in\nrec {\n");
    for helper in 0..3 + random.below(8) {
        match random.below(4) {
            0 => {
                let _ = writeln!(
                    out,
                    "  mkService{helper} = name: port: {{\n    inherit name port;\n    url = \"http://${{name}}:${{toString port}}\";\n  }};"
                );
            }
            1 => {
                let _ = writeln!(
                    out,
                    "  enabled{helper} = attrs: filterAttrs (_: value: value.enable or false) attrs;"
                );
            }
            2 => {
                let _ = writeln!(
                    out,
                    "  render{helper} = items: concatStringsSep \"\\n\" (map (item: \"- ${{item}}\") items);"
                );
            }
            _ => {
                let _ = writeln!(
                    out,
                    "  hosts{helper} = mapAttrs (name: value: value // {{ hostName = name; }}) {{\n    {} = {{ ip = \"10.0.0.{}\"; }};\n    {} = {{ ip = \"10.0.0.{}\"; }};\n  }};",
                    random.pick(HOSTS),
                    random.below(250),
                    random.pick(HOSTS),
                    random.below(250)
                );
            }
        }
    }
    out.push_str("  banner = optionalString true \"managed by nix\";\n}\n");
    out
}

fn flake(random: &mut Random) -> String {
    let mut out = String::from(
        "{\n  description = \"A fleet of machines\";\n\n  inputs = {\n    nixpkgs.url = \"github:NixOS/nixpkgs/nixos-unstable\";\n    nixos-hardware.url = \"github:NixOS/nixos-hardware\";\n    agenix.url = \"github:ryantm/agenix\";\n  };\n\n  outputs = { self, nixpkgs, ... }@inputs:\n    let\n      mkHost = name: nixpkgs.lib.nixosSystem {\n        system = \"x86_64-linux\";\n        specialArgs = { inherit inputs; };\n        modules = [ ./hosts/${name}/configuration.nix ];\n      };\n    in\n    {\n      nixosConfigurations = {\n",
    );
    for _ in 0..2 + random.below(6) {
        let host = random.pick(HOSTS);
        let _ = writeln!(out, "        {host} = mkHost \"{host}\";");
    }
    out.push_str("      };\n    };\n}\n");
    out
}
