//! Generates a large fleet repository (hosts, modules, toggles) for fleet-model benchmarks and tests.
//!
//! The shapes follow FIELD.md: `flake.nix` with `mkHost "<name>"`, templates used as
//! `hostTypes.<type>.imports ++ [ … ]`, a central `modules/features.nix`, one module per
//! feature under `modules/<category>/<name>.nix` declaring `options.features.<name>` with
//! assertions between features, data-style hardware profiles imported from each host's
//! `variables.nix`, and long, commented host files that set toggles nested, dotted and
//! wrapped in `lib.mkForce`/`lib.mkDefault`. With the defaults: 40 hosts, 400 feature
//! modules, about 2,400 toggles and 60,000 lines. Same seed, same bytes.

use std::fmt::Write;

use crate::files::FileSet;

/// Shape of a generated fleet.
#[derive(Debug, Clone, Copy)]
pub struct FleetShape {
    pub hosts: usize,
    pub categories: usize,
    pub modules_per_category: usize,
    /// Lines of the first host's entry file, roughly (the edit benchmark's host).
    pub first_host_lines: usize,
}

impl Default for FleetShape {
    fn default() -> FleetShape {
        FleetShape { hosts: 40, categories: 20, modules_per_category: 20, first_host_lines: 900 }
    }
}

/// A generated fleet and the host and toggle the edit benchmark uses.
#[derive(Debug, Clone)]
pub struct GeneratedFleet {
    pub files: FileSet,
    pub edit_host: String,
    pub edit_option: String,
}

const CATEGORY_NAMES: [&str; 8] = [
    "development",
    "desktop",
    "media",
    "monitoring",
    "networking",
    "security",
    "services",
    "storage",
];
const TEMPLATES: [&str; 3] = ["workstation", "laptop", "server"];
const PROFILES: [&str; 3] = ["amd", "intel", "nvidia"];
const MODES: [&str; 3] = ["fast", "balanced", "safe"];

/// A small deterministic generator (xorshift64*).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn category_name(index: usize) -> String {
    let base = CATEGORY_NAMES[index % CATEGORY_NAMES.len()];
    match index / CATEGORY_NAMES.len() {
        0 => base.to_owned(),
        round => format!("{base}{round}"),
    }
}

fn module_name(category: usize, module: usize) -> String {
    format!("{}Svc{module:02}", category_name(category))
}

fn host_name(index: usize) -> String {
    format!("host{index:02}")
}

/// The default shape with `seed`.
pub fn generate(seed: u64) -> GeneratedFleet {
    generate_shape(seed, FleetShape::default())
}

pub fn generate_shape(seed: u64, shape: FleetShape) -> GeneratedFleet {
    let mut random = Random(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut files = FileSet::new();
    let mut add = |path: String, content: String| {
        // Generated paths are relative and well-formed.
        let _ = files.insert(&path, content);
    };
    add("flake.nix".to_owned(), flake(shape));
    add("modules/features.nix".to_owned(), central_features(shape));
    add("templates/default.nix".to_owned(), templates_index());
    for (index, template) in TEMPLATES.iter().enumerate() {
        add(format!("templates/{template}.nix"), template_file(shape, index));
    }
    for profile in PROFILES {
        add(format!("hardware-profiles/{profile}.nix"), hardware_profile(profile));
    }
    for category in 0..shape.categories {
        let name = category_name(category);
        add(format!("modules/{name}/default.nix"), category_index(shape, category));
        for module in 0..shape.modules_per_category {
            add(
                format!("modules/{name}/{}.nix", module_name(category, module)),
                feature_module(&mut random, shape, category, module),
            );
        }
    }
    add("modules/dead/experiment.nix".to_owned(), dead_module());
    for host in 0..shape.hosts {
        let name = host_name(host);
        let lines = if host == 0 { shape.first_host_lines } else { 380 + random.below(160) };
        add(format!("hosts/{name}/configuration.nix"), host_file(&mut random, shape, host, lines));
        add(format!("hosts/{name}/hardware-configuration.nix"), hardware_configuration(host));
        add(format!("hosts/{name}/variables.nix"), variables(host));
    }
    GeneratedFleet {
        files,
        edit_host: host_name(0),
        edit_option: format!("features.{}.extra", module_name(0, 1)),
    }
}

fn flake(shape: FleetShape) -> String {
    let mut out = String::from(
        r#"{
  description = "generated fleet";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/nixos-unstable";
    nixos-hardware.url = "github:NixOS/nixos-hardware/master";
  };

  outputs = { self, nixpkgs, ... }@inputs:
    let
      # One helper for every host: hosts/<name>/configuration.nix.
      mkHost = name: nixpkgs.lib.nixosSystem {
        system = "x86_64-linux";
        specialArgs = { inherit inputs; hostName = name; };
        modules = [ ./hosts/${name}/configuration.nix ];
      };
    in {
      nixosConfigurations = {
"#,
    );
    for host in 0..shape.hosts {
        let name = host_name(host);
        let _ = writeln!(out, "        {name} = mkHost \"{name}\";");
    }
    out.push_str("        # retired = mkHost \"retired\";\n      };\n    };\n}\n");
    out
}

fn central_features(shape: FleetShape) -> String {
    let mut out = String::from(
        "{ lib, ... }:\nwith lib;\n{\n  # Central feature flags, grouped by category.\n  options.features = {\n",
    );
    for category in 0..shape.categories {
        let name = category_name(category);
        let _ = writeln!(out, "    {name} = {{");
        let _ = writeln!(out, "      enable = mkEnableOption \"{name} tools\";");
        for flag in 0..8 {
            let _ = writeln!(out, "      flag{flag} = mkEnableOption \"{name} flag {flag}\";");
        }
        let _ = writeln!(
            out,
            "      mode = mkOption {{\n        type = types.enum [ \"fast\" \"balanced\" \"safe\" ];\n        default = \"balanced\";\n        description = \"How {name} trades speed for safety.\";\n      }};"
        );
        out.push_str("    };\n");
    }
    out.push_str("  };\n}\n");
    out
}

fn templates_index() -> String {
    let mut out = String::from("{ lib }:\n{\n");
    for template in TEMPLATES {
        let _ = writeln!(out, "  {template} = import ./{template}.nix {{ inherit lib; }};");
    }
    out.push_str("}\n");
    out
}

fn template_file(shape: FleetShape, index: usize) -> String {
    let mut out = String::from("{ lib }:\n{\n  imports = [\n    ../modules/features.nix\n");
    for category in (index..shape.categories).step_by(TEMPLATES.len()) {
        let _ = writeln!(out, "    ../modules/{}", category_name(category));
    }
    out.push_str("  ];\n\n  # Meant as defaults; only applied when the template module itself is imported.\n  config = {\n");
    for category in (index..shape.categories).step_by(TEMPLATES.len()) {
        let _ =
            writeln!(out, "    features.{}.enable = lib.mkDefault true;", category_name(category));
    }
    out.push_str("  };\n}\n");
    out
}

fn hardware_profile(profile: &str) -> String {
    format!(
        "{{\n  # Facts about the {profile} machines, read by host files.\n  gpu = \"{profile}\";\n  videoDrivers = [ \"{profile}\" ];\n}}\n"
    )
}

fn category_index(shape: FleetShape, category: usize) -> String {
    let mut out = String::from("{ ... }:\n{\n  imports = [\n");
    for module in 0..shape.modules_per_category {
        let _ = writeln!(out, "    ./{}.nix", module_name(category, module));
    }
    out.push_str("  ];\n}\n");
    out
}

fn feature_module(
    random: &mut Random,
    shape: FleetShape,
    category: usize,
    module: usize,
) -> String {
    let name = module_name(category, module);
    let mut out = format!(
        "# {name}: one feature of the {} category.\n{{ config, lib, pkgs, ... }}:\nlet\n  inherit (lib) mkEnableOption mkOption mkIf types;\n  cfg = config.features.{name};\nin\n{{\n  options.features.{name} = {{\n    enable = mkEnableOption \"{name}\";\n    extra = mkEnableOption \"extra parts of {name}\";\n    debug = mkOption {{\n      type = types.bool;\n      default = false;\n      description = \"Verbose logging for {name}.\";\n    }};\n    openFirewall = lib.mkOption {{ type = lib.types.bool; default = true; description = \"Open the port.\"; }};\n    mode = mkOption {{\n      type = types.enum [ \"fast\" \"balanced\" \"safe\" ];\n      default = \"balanced\";\n      description = \"Mode.\";\n    }};\n    port = mkOption {{\n      type = types.port;\n      default = {};\n      description = \"Port of {name}.\";\n    }};\n  }};\n\n  config = mkIf cfg.enable {{\n",
        category_name(category),
        8000 + category * 100 + module
    );
    if module > 0 {
        let required = module_name(category, random.below(module));
        let _ = writeln!(
            out,
            "    assertions = [\n      {{\n        assertion = cfg.extra -> config.features.{required}.enable;\n        message = \"{name}.extra needs {required}\";\n      }}\n    ];\n"
        );
    }
    let settings = 40 + random.below(30);
    for line in 0..settings {
        match line % 5 {
            0 => {
                let _ = writeln!(out, "    # Setting {line} keeps {name} tidy.");
            }
            1 => {
                let _ = writeln!(
                    out,
                    "    systemd.services.{name}.environment.VAR_{line} = \"{}\";",
                    random.below(1000)
                );
            }
            2 => {
                let _ = writeln!(
                    out,
                    "    networking.firewall.allowedTCPPorts = lib.optionals cfg.openFirewall [ cfg.port ];"
                );
            }
            3 => {
                let _ = writeln!(
                    out,
                    "    environment.etc.\"{name}/{line}.conf\".text = ''\n      key = {line}\n    '';"
                );
            }
            _ => {
                let _ = writeln!(out, "    services.{name}.setting{line} = {};", random.chance(50));
            }
        }
    }
    out.push_str("  };\n}\n");
    let _ = shape;
    out
}

fn dead_module() -> String {
    "{ lib, ... }:\n{\n  # Nothing imports this any more.\n  options.features.experiment.enable = lib.mkEnableOption \"an old experiment\";\n}\n".to_owned()
}

fn hardware_configuration(host: usize) -> String {
    format!(
        "{{ modulesPath, ... }}:\n{{\n  imports = [ (modulesPath + \"/installer/scan/not-detected.nix\") ];\n  boot.initrd.availableKernelModules = [ \"nvme\" \"xhci_pci\" ];\n  fileSystems.\"/\" = {{ device = \"/dev/disk/by-label/host{host}\"; fsType = \"ext4\"; }};\n}}\n"
    )
}

fn variables(host: usize) -> String {
    let profile = PROFILES[host % PROFILES.len()];
    format!(
        "{{ }}:\n{{\n  hardware = import ../../hardware-profiles/{profile}.nix;\n  user = \"alex\";\n  isWorkstation = {};\n}}\n",
        host.is_multiple_of(3)
    )
}

fn host_file(random: &mut Random, shape: FleetShape, host: usize, lines: usize) -> String {
    let template = TEMPLATES[host % TEMPLATES.len()];
    let profile = PROFILES[host % PROFILES.len()];
    let mut out = format!(
        "# {name}: generated host ({template}).\n{{ inputs, lib, pkgs, ... }}:\nlet\n  hostTypes = import ../../templates {{ inherit lib; }};\n  vars = import ./variables.nix {{ }};\nin\n{{\n  imports = hostTypes.{template}.imports ++ [\n    ./hardware-configuration.nix\n    inputs.nixos-hardware.nixosModules.common-cpu-{cpu}\n",
        name = host_name(host),
        cpu = if profile == "amd" { "amd" } else { "intel" },
    );
    let mut extra_categories = Vec::new();
    for category in 0..shape.categories {
        if category % TEMPLATES.len() != host % TEMPLATES.len() && random.chance(25) {
            let _ = writeln!(out, "    ../../modules/{}", category_name(category));
            extra_categories.push(category);
        }
    }
    out.push_str("  ];\n\n  networking.hostName = \"");
    out.push_str(&host_name(host));
    out.push_str("\";\n\n");
    let mut reachable: Vec<usize> = (0..shape.categories)
        .filter(|category| category % TEMPLATES.len() == host % TEMPLATES.len())
        .collect();
    reachable.extend(extra_categories);
    reachable.sort_unstable();
    let mut candidates: Vec<(usize, Option<usize>)> = Vec::new();
    for module in 0..shape.modules_per_category {
        for &category in &reachable {
            if module == 0 {
                candidates.push((category, None));
            }
            candidates.push((category, Some((module + host) % shape.modules_per_category)));
        }
    }
    let mut candidates = candidates.into_iter();
    let mut written = out.lines().count();
    let mut round = 0;
    while written + 12 < lines {
        let block = match (round % 3, candidates.next()) {
            (0, _) | (_, None) => filler_block(round),
            (_, Some((category, None))) => central_block(random, category, round),
            (_, Some((category, Some(module)))) => match random.chance(50) {
                true => nested_block(random, category, module),
                false => dotted_block(random, category, module),
            },
        };
        written += block.lines().count();
        out.push_str(&block);
        round += 1;
    }
    out.push_str("  environment.systemPackages = with pkgs; [ git vim ];\n}\n");
    out
}

fn nested_block(random: &mut Random, category: usize, module: usize) -> String {
    let name = module_name(category, module);
    let mut out = format!(
        "  # {name}, as the owner likes it: nested.\n  features.{name} = {{\n    enable = true;\n"
    );
    if random.chance(50) {
        let _ = writeln!(out, "    debug = {}; # toggled while chasing a bug", random.chance(50));
    }
    if random.chance(40) {
        let _ = writeln!(out, "    mode = \"{}\";", MODES[random.below(MODES.len())]);
    }
    out.push_str("  };\n\n");
    out
}

fn dotted_block(random: &mut Random, category: usize, module: usize) -> String {
    let name = module_name(category, module);
    let mut out = format!("  features.{name}.enable = lib.mkDefault true;\n");
    if random.chance(50) {
        let _ = writeln!(out, "  features.{name}.openFirewall = lib.mkForce false;");
    }
    if random.chance(30) {
        let _ = writeln!(out, "  features.{name}.debug = vars.isWorkstation;");
    }
    out.push('\n');
    out
}

fn central_block(random: &mut Random, category: usize, round: usize) -> String {
    let name = category_name(category);
    format!(
        "  features.{name} = {{\n    flag{} = {};\n    mode = \"{}\";\n  }};\n\n",
        round % 8,
        random.chance(50),
        MODES[round % MODES.len()]
    )
}

fn filler_block(round: usize) -> String {
    format!(
        "  # Block {round}: local tweaks that have nothing to do with features.\n  # They stay exactly as written.\n  systemd.tmpfiles.rules = lib.mkAfter [ \"d /srv/data{round} 0755 root root -\" ];\n  environment.etc.\"motd-{round}\".text = \"block {round}\";\n\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_deterministic_and_large() {
        let first = generate(7);
        assert_eq!(first.files, generate(7).files);
        let lines: usize = first.files.iter().map(|(_, content)| content.lines().count()).sum();
        assert!((50_000..80_000).contains(&lines), "{lines} lines");
        let host_lines = first.files.get("hosts/host00/configuration.nix").unwrap().lines().count();
        assert!((850..=950).contains(&host_lines), "{host_lines} lines in the edit host");
    }
}
