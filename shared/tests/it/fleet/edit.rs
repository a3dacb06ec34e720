//! Toggle edits on small fixtures: in-place changes, insertions, removals, imports,
//! dependencies and refusals.

use expect_test::{Expect, expect};
use shared::fleet::{
    create_host, create_host_from_template, discover, parse_request, remove_host,
    set_optional_module, set_toggles, switch_hardware_profile, switch_template, unset_toggle,
};

use super::{SMALL_FLEET, fileset};

/// Diff context lines of blank source lines end in a space, which snapshots cannot keep.
fn trim_line_ends(text: &str) -> String {
    text.lines().map(|line| format!("{}\n", line.trim_end())).collect()
}

#[track_caller]
fn check_set(fixture: &str, host: &str, assignments: &[&str], expected: &Expect) {
    let files = fileset(fixture);
    let fleet = discover(&files);
    let result = assignments
        .iter()
        .map(|assignment| parse_request(&fleet, assignment))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|requests| set_toggles(&files, &fleet, host, &requests));
    let actual = match result {
        Ok(change) => format!(
            "{}{}",
            change.notes.iter().map(|note| format!("note: {note}\n")).collect::<String>(),
            change.diff
        ),
        Err(error) => format!("error: {error}\n"),
    };
    expected.assert_eq(&trim_line_ends(&actual));
}

#[track_caller]
fn check_unset(fixture: &str, host: &str, option: &str, expected: &Expect) {
    let files = fileset(fixture);
    let fleet = discover(&files);
    let actual = match unset_toggle(&files, &fleet, host, option) {
        Ok(change) => change.diff,
        Err(error) => format!("error: {error}\n"),
    };
    expected.assert_eq(&trim_line_ends(&actual));
}

#[test]
fn changes_a_nested_value_in_place_keeping_the_comment() {
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.development.enable=false"],
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -12,7 +12,7 @@
 
           features = {
             development = {
        -      enable = true; # I code here
        +      enable = false; # I code here
               python = lib.mkForce false;
             };
           };
    "#]],
    );
}

#[test]
fn keeps_the_priority_wrapper() {
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.development.python=true"],
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -13,7 +13,7 @@
           features = {
             development = {
               enable = true; # I code here
        -      python = lib.mkForce false;
        +      python = lib.mkForce true;
             };
           };
           features.desktop.manager = "gnome";
    "#]],
    );
}

#[test]
fn changes_an_enum() {
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.desktop.manager=kde"],
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -16,6 +16,6 @@
               python = lib.mkForce false;
             };
           };
        -  features.desktop.manager = "gnome";
        +  features.desktop.manager = "kde";
           services.docker.enable = vars.wantDocker;
         }
    "#]],
    );
}

#[test]
fn setting_the_current_value_changes_nothing() {
    check_set(SMALL_FLEET, "alpha", &["features.desktop.manager=\"gnome\""], &expect![[r#""#]]);
}

#[test]
fn inserts_beside_the_same_namespace() {
    check_set(
        SMALL_FLEET,
        "alpha",
        &["services.docker.rootless=true"],
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -18,4 +18,5 @@
           };
           features.desktop.manager = "gnome";
           services.docker.enable = vars.wantDocker;
        +  services.docker.rootless = true;
         }
    "#]],
    );
}

#[test]
fn inserts_into_an_existing_nested_set() {
    let fixture = SMALL_FLEET.replace("      python = lib.mkForce false;\n", "");
    check_set(
        &fixture,
        "alpha",
        &["features.development.python=true"],
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -13,6 +13,7 @@
           features = {
             development = {
               enable = true; # I code here
        +      python = true;
             };
           };
           features.desktop.manager = "gnome";
    "#]],
    );
}

#[test]
fn overrides_a_template_default_in_the_host_file() {
    check_set(
        SMALL_FLEET,
        "gamma",
        &["features.development.python=false"],
        &expect![[r#"
        --- a/hosts/gamma/configuration.nix
        +++ b/hosts/gamma/configuration.nix
        @@ -5,4 +5,5 @@
             (builtins.readDir ./nixos)
           ];
           features.development.enable = lib.mkDefault false;
        +  features.development.python = false;
         }
    "#]],
    );
}

#[test]
fn imports_the_module_when_the_host_does_not_reach_it() {
    check_set(
        SMALL_FLEET,
        "gamma",
        &["features.desktop.manager=kde"],
        &expect![[r#"
            note: imports modules/desktop/gnome.nix into hosts/gamma/configuration.nix
            note: discovery could not follow every import of gamma (in hosts/gamma/configuration.nix): check that it does not import modules/desktop/gnome.nix already
            --- a/hosts/gamma/configuration.nix
            +++ b/hosts/gamma/configuration.nix
            @@ -3,6 +3,8 @@
                 ../../templates/server.nix
                 (import ../../modules/extra.nix { })
                 (builtins.readDir ./nixos)
            +    ../../modules/desktop/gnome.nix
               ];
               features.development.enable = lib.mkDefault false;
            +  features.desktop.manager = "kde";
             }
        "#]],
    );
}

#[test]
fn enabling_proposes_what_it_requires() {
    check_set(
        SMALL_FLEET,
        "delta",
        &["services.docker.rootless=true"],
        &expect![[r#"
        note: also sets features.development.enable = true (required)
        note: imports modules/features.nix into hosts/delta/default.nix
        --- a/hosts/delta/default.nix
        +++ b/hosts/delta/default.nix
        @@ -1,3 +1,5 @@
         { ... }: {
        -  imports = [ ../../modules/hardware/intel.nix ../../modules/services ];
        +  imports = [ ../../modules/hardware/intel.nix ../../modules/services ../../modules/features.nix ];
        +  services.docker.rootless = true;
        +  features.development.enable = true;
         }
    "#]],
    );
}

#[test]
fn a_conflict_names_both_sides() {
    let fixture = SMALL_FLEET.replace("imports = [ ../../modules/hardware/intel.nix", "features.virt.enable = true;\n  imports = [ ../../modules/virt.nix ../../modules/hardware/intel.nix");
    check_set(
        &fixture,
        "delta",
        &["services.docker.enable=true"],
        &expect![[r#"
        error: `services.docker.enable` conflicts with `features.virt.enable`, which is enabled: docker and virt conflict
    "#]],
    );
}

/// [`SMALL_FLEET`] with delta importing the features module, running rootless docker
/// with the development tools it requires, and `extra` as its `nixstudio.toml`.
fn delta_with_rootless_docker(extra: &str) -> String {
    let fleet = SMALL_FLEET.replace(
        "imports = [ ../../modules/hardware/intel.nix ../../modules/services ];",
        "imports = [ ../../modules/hardware/intel.nix ../../modules/services ../../modules/features.nix ];\n  services.docker.rootless = true;\n  features.development.enable = true;",
    );
    format!("{fleet}//- nixstudio.toml\n{extra}")
}

#[test]
fn turning_off_what_an_enabled_toggle_requires_is_refused_unless_both_go() {
    let fixture = delta_with_rootless_docker("");
    check_set(
        &fixture,
        "delta",
        &["features.development.enable=false"],
        &expect![[r#"
        error: `features.development.enable` is required by `services.docker.rootless`, which is enabled: turn that off first: rootless docker needs development tools
    "#]],
    );
    check_set(
        &fixture,
        "delta",
        &["features.development.enable=false", "services.docker.rootless=false"],
        &expect![[r#"
        --- a/hosts/delta/default.nix
        +++ b/hosts/delta/default.nix
        @@ -1,5 +1,5 @@
         { ... }: {
           imports = [ ../../modules/hardware/intel.nix ../../modules/services ../../modules/features.nix ];
        -  services.docker.rootless = true;
        -  features.development.enable = true;
        +  services.docker.rootless = false;
        +  features.development.enable = false;
         }
    "#]],
    );
}

#[test]
fn defaults_count_as_on_for_requirements_and_conflicts() {
    let fixture = delta_with_rootless_docker(
        "[[fleet.dependencies]]\noption = \"services.docker.enable\"\nrequires = [\"features.development.python\"]\n\n[[fleet.dependencies]]\noption = \"features.virt.enable\"\nconflicts = [\"features.development.python\"]\nmessage = \"virt images bundle their own Python\"\n",
    );
    check_set(
        &fixture,
        "delta",
        &["services.docker.enable=true"],
        &expect![[r#"
            --- a/hosts/delta/default.nix
            +++ b/hosts/delta/default.nix
            @@ -1,5 +1,6 @@
             { ... }: {
               imports = [ ../../modules/hardware/intel.nix ../../modules/services ../../modules/features.nix ];
               services.docker.rootless = true;
            +  services.docker.enable = true;
               features.development.enable = true;
             }
        "#]],
    );
    check_set(
        &fixture,
        "delta",
        &["features.virt.enable=true"],
        &expect![[r#"
        error: `features.virt.enable` conflicts with `features.development.python`, which is enabled: virt images bundle their own Python
    "#]],
    );
}

#[test]
fn refuses_bad_requests() {
    check_set(
        SMALL_FLEET,
        "alpha",
        &["services.docker.enable=false"],
        &expect![[r#"
        error: `services.docker.enable` is set by the expression `vars.wantDocker` at hosts/alpha/configuration.nix:20; edit it by hand
    "#]],
    );
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.desktop.manager=xfce"],
        &expect![[r#"
        error: `features.desktop.manager` expects one of gnome, kde, none, not `xfce`
    "#]],
    );
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.extra.level=4"],
        &expect![[r#"
        error: `features.extra.level` is not a toggle (only bool and enum options can be set)
    "#]],
    );
    check_set(
        SMALL_FLEET,
        "alpha",
        &["nope.enable=true"],
        &expect![[r#"
        error: unknown option `nope.enable`
    "#]],
    );
    check_set(
        SMALL_FLEET,
        "alpha",
        &["features.virt.enable"],
        &expect![[r#"
        error: `features.virt.enable` is not OPTION=VALUE (for example features.docker.enable=true)
    "#]],
    );
    check_set(
        SMALL_FLEET,
        "omega",
        &["features.virt.enable=true"],
        &expect![[r#"
        error: unknown host `omega`; hosts are: alpha, gamma, delta
    "#]],
    );
}

#[test]
fn unset_removes_the_binding_and_empty_sets() {
    check_unset(
        SMALL_FLEET,
        "alpha",
        "features.desktop.manager",
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -16,6 +16,5 @@
               python = lib.mkForce false;
             };
           };
        -  features.desktop.manager = "gnome";
           services.docker.enable = vars.wantDocker;
         }
    "#]],
    );
    let fixture = SMALL_FLEET.replace("      enable = true; # I code here\n", "");
    check_unset(
        &fixture,
        "alpha",
        "features.development.python",
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -10,11 +10,6 @@
             inputs.nixos-hardware.nixosModules.common-cpu-amd
           ];
 
        -  features = {
        -    development = {
        -      python = lib.mkForce false;
        -    };
        -  };
           features.desktop.manager = "gnome";
           services.docker.enable = vars.wantDocker;
         }
    "#]],
    );
    check_unset(
        SMALL_FLEET,
        "gamma",
        "features.development.python",
        &expect![[r#"
        error: `features.development.python` is set at templates/server.nix:3, which other hosts share (a template or common module); unsetting it there would change them too
    "#]],
    );
}

#[track_caller]
fn check_change(
    result: Result<shared::fleet::ChangeSet, shared::fleet::EditError>,
    expected: &Expect,
) {
    let actual = match result {
        Ok(change) => {
            let notes: String = change.notes.iter().map(|note| format!("note: {note}\n")).collect();
            format!("{notes}{}", change.diff)
        }
        Err(error) => format!("error: {error}\n"),
    };
    expected.assert_eq(&trim_line_ends(&actual));
}

#[test]
fn switches_a_data_hardware_profile() {
    let files = fileset(SMALL_FLEET);
    let fleet = discover(&files);
    let mut profile_files = files.clone();
    profile_files
        .insert("hardware-profiles/intel.nix", "{ gpu = \"intel\"; }\n".to_owned())
        .unwrap();
    let fleet_with_intel = discover(&profile_files);
    check_change(
        switch_hardware_profile(&profile_files, &fleet_with_intel, "alpha", "intel"),
        &expect![[r#"
            note: nixos-hardware modules left as they are: common-cpu-amd
            --- a/hosts/alpha/variables.nix
            +++ b/hosts/alpha/variables.nix
            @@ -1,4 +1,4 @@
             { }: {
               wantDocker = true;
            -  hardware = import ../../hardware-profiles/amd.nix;
            +  hardware = import ../../hardware-profiles/intel.nix;
             }
        "#]],
    );
    check_change(
        switch_hardware_profile(&files, &fleet, "alpha", "arm"),
        &expect![[r#"
        error: unknown hardware profile `arm`; profiles are: amd, intel
    "#]],
    );
}

#[test]
fn switches_a_template() {
    let files = fileset(SMALL_FLEET);
    let fleet = discover(&files);
    check_change(
        switch_template(&files, &fleet, "alpha", "server"),
        &expect![[r#"
        --- a/hosts/alpha/configuration.nix
        +++ b/hosts/alpha/configuration.nix
        @@ -4,7 +4,7 @@
           vars = import ./variables.nix { };
         in {
           # The workstation template's imports, plus local bits.
        -  imports = hostTypes.workstation.imports ++ [
        +  imports = hostTypes.server.imports ++ [
             ./hardware-configuration.nix
             ../../modules/services/docker.nix
             inputs.nixos-hardware.nixosModules.common-cpu-amd
    "#]],
    );
    check_change(
        switch_template(&files, &fleet, "gamma", "workstation"),
        &expect![[r#"
        --- a/hosts/gamma/configuration.nix
        +++ b/hosts/gamma/configuration.nix
        @@ -1,6 +1,6 @@
         { lib, ... }: {
           imports = [
        -    ../../templates/server.nix
        +    ../../templates/workstation.nix
             (import ../../modules/extra.nix { })
             (builtins.readDir ./nixos)
           ];
    "#]],
    );
}

#[test]
fn creates_and_removes_hosts() {
    let files = fileset(SMALL_FLEET);
    let fleet = discover(&files);
    check_change(
        create_host(&files, &fleet, "delta", "epsilon"),
        &expect![[r#"
        note: copied hosts/delta/ to hosts/epsilon/
        --- a/flake.nix
        +++ b/flake.nix
        @@ -15,5 +15,8 @@
               nixosConfigurations.delta = nixpkgs.lib.nixosSystem {
                 modules = [ ./hosts/delta ];
               };
        +      nixosConfigurations.epsilon = nixpkgs.lib.nixosSystem {
        +        modules = [ ./hosts/epsilon ];
        +      };
             };
         }
        --- /dev/null
        +++ b/hosts/epsilon/default.nix
        @@ -0,0 +1,3 @@
        +{ ... }: {
        +  imports = [ ../../modules/hardware/intel.nix ../../modules/services ];
        +}
    "#]],
    );
    check_change(
        create_host(&files, &fleet, "gamma", "alpha"),
        &expect![[r#"
        error: host `alpha` already exists
    "#]],
    );
    check_change(
        remove_host(&files, &fleet, "gamma"),
        &expect![[r#"
        --- a/flake.nix
        +++ b/flake.nix
        @@ -10,7 +10,6 @@
               nixosConfigurations = {
                 alpha = nixpkgs.lib.nixosSystem (mkHost "alpha");
                 # beta = nixpkgs.lib.nixosSystem (mkHost "beta");
        -        gamma = nixpkgs.lib.nixosSystem (mkHost "gamma");
               };
               nixosConfigurations.delta = nixpkgs.lib.nixosSystem {
                 modules = [ ./hosts/delta ];
        --- a/hosts/gamma/configuration.nix
        +++ /dev/null
        @@ -1,8 +0,0 @@
        -{ lib, ... }: {
        -  imports = [
        -    ../../templates/server.nix
        -    (import ../../modules/extra.nix { })
        -    (builtins.readDir ./nixos)
        -  ];
        -  features.development.enable = lib.mkDefault false;
        -}
    "#]],
    );
}

const OPTIONAL_FLEET: &str = r#"
//- hosts/box/default.nix
{ ... }: {
  imports = [
    ../common/global
    ../common/optional/pipewire.nix # sound
  ];
}
//- hosts/common/global/default.nix
{ ... }: { time.timeZone = "UTC"; }
//- hosts/common/optional/pipewire.nix
{ ... }: { services.pipewire.enable = true; }
//- hosts/common/optional/docker.nix
{ ... }: { virtualisation.docker.enable = true; }
"#;

#[test]
fn optional_modules_are_features_by_import() {
    let files = fileset(OPTIONAL_FLEET);
    let fleet = discover(&files);
    let found: Vec<(&str, &[String])> = fleet
        .optional_modules
        .iter()
        .map(|module| (module.name.as_str(), module.hosts.as_slice()))
        .collect();
    expect![[r#"[("docker", []), ("pipewire", ["box"])]"#]].assert_eq(&format!("{found:?}"));
    check_change(
        set_optional_module(&files, &fleet, "box", "docker", true),
        &expect![[r#"
        --- a/hosts/box/default.nix
        +++ b/hosts/box/default.nix
        @@ -2,5 +2,6 @@
           imports = [
             ../common/global
             ../common/optional/pipewire.nix # sound
        +    ../common/optional/docker.nix
           ];
         }
    "#]],
    );
    check_change(
        set_optional_module(&files, &fleet, "box", "pipewire", false),
        &expect![[r#"
        --- a/hosts/box/default.nix
        +++ b/hosts/box/default.nix
        @@ -1,6 +1,6 @@
         { ... }: {
           imports = [
             ../common/global
        -    ../common/optional/pipewire.nix # sound
        +    # sound
           ];
         }
    "#]],
    );
    check_change(set_optional_module(&files, &fleet, "box", "pipewire", true), &expect![[r#""#]]);
}

#[test]
fn host_from_a_template_follows_hosts_that_import_the_template_module() {
    let files = fileset(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations = {
      web = nixpkgs.lib.nixosSystem { modules = [ ./machines/web/default.nix ]; };
    };
  };
}
//- machines/web/default.nix
{ ... }:
{
  imports = [
    ../../templates/server.nix
    ./hardware-configuration.nix
  ];
  system.stateVersion = "23.11";
}
//- machines/web/hardware-configuration.nix
{ ... }: { }
//- templates/server.nix
{ lib, ... }: { services.openssh.enable = lib.mkDefault true; }
//- templates/desktop.nix
{ lib, ... }: { services.xserver.enable = lib.mkDefault true; }
"#,
    );
    let fleet = discover(&files);
    let change = create_host_from_template(&files, &fleet, "desktop", "studio").unwrap();
    expect![[r#"
        --- a/flake.nix
        +++ b/flake.nix
        @@ -2,6 +2,7 @@
           outputs = { nixpkgs, ... }: {
             nixosConfigurations = {
               web = nixpkgs.lib.nixosSystem { modules = [ ./machines/web/default.nix ]; };
        +      studio = nixpkgs.lib.nixosSystem { modules = [ ./machines/studio/default.nix ]; };
             };
           };
         }
        --- /dev/null
        +++ b/machines/studio/default.nix
        @@ -0,0 +1,14 @@
        +# studio: created by nixstudio from a template.
        +{ ... }:
        +{
        +  imports = [
        +    ../../templates/desktop.nix
        +    ./hardware-configuration.nix
        +  ];
        +
        +  networking.hostName = "studio";
        +
        +  # Copied from web. Set it to the NixOS release this machine is first
        +  # installed with, then never change it.
        +  system.stateVersion = "23.11";
        +}
        --- /dev/null
        +++ b/machines/studio/hardware-configuration.nix
        @@ -0,0 +1,7 @@
        +# PLACEHOLDER: generate this file on the machine itself with
        +#   nixos-generate-config --show-hardware-config > machines/studio/hardware-configuration.nix
        +# and commit the result. Until then the host has no file systems or boot loader
        +# and will not build.
        +{ ... }:
        +{
        +}
    "#]].assert_eq(&trim_line_ends(&change.diff));
    let mut updated = files;
    for (path, content) in change.files {
        updated.insert(&path, content).unwrap();
    }
    let rediscovered = discover(&updated);
    let studio = rediscovered.host("studio").unwrap();
    assert_eq!(studio.entry, "machines/studio/default.nix");
    assert_eq!(studio.template.as_ref().unwrap().name, "desktop");
}

const WRAPPED_NAMESPACE: &str = r#"
//- hosts/vm/configuration.nix
{ lib, vars, ... }: {
  imports = [ ../../modules/my.nix ];
  my = lib.mkForce {
    shell.enable = true;
  };
}
//- hosts/box/configuration.nix
{ vars, ... }: {
  imports = [ ../../modules/my.nix ];
  my = vars.my;
}
//- modules/my.nix
{ lib, ... }: {
  options.my = {
    shell.enable = lib.mkEnableOption "shell";
    disks.enable = lib.mkEnableOption "disks";
  };
}
"#;

#[test]
fn a_namespace_set_under_a_priority_is_edited_inside() {
    check_set(
        WRAPPED_NAMESPACE,
        "vm",
        &["my.shell.enable=false", "my.disks.enable=true"],
        &expect![[r#"
            --- a/hosts/vm/configuration.nix
            +++ b/hosts/vm/configuration.nix
            @@ -1,6 +1,7 @@
             { lib, vars, ... }: {
               imports = [ ../../modules/my.nix ];
               my = lib.mkForce {
            -    shell.enable = true;
            +    shell.enable = false;
            +    disks.enable = true;
               };
             }
        "#]],
    );
    check_unset(
        WRAPPED_NAMESPACE,
        "vm",
        "my.shell.enable",
        &expect![[r#"
        --- a/hosts/vm/configuration.nix
        +++ b/hosts/vm/configuration.nix
        @@ -1,6 +1,5 @@
         { lib, vars, ... }: {
           imports = [ ../../modules/my.nix ];
           my = lib.mkForce {
        -    shell.enable = true;
           };
         }
    "#]],
    );
}

#[test]
fn a_namespace_set_as_a_whole_is_not_defined_twice() {
    check_set(
        WRAPPED_NAMESPACE,
        "box",
        &["my.disks.enable=true"],
        &expect![[r#"
        error: cannot edit hosts/box/configuration.nix: `my` is set here as a whole (`vars.my`); a setting beside it would define it twice
    "#]],
    );
}

#[test]
fn imports_into_a_list_under_with() {
    check_set(
        r#"
//- hosts/pad/configuration.nix
{ inputs, ... }: {
  imports = with inputs; [
    nixos-hardware.nixosModules.lenovo-thinkpad-x270
  ];
}
//- modules/docker.nix
{ lib, ... }: { options.my.docker.enable = lib.mkEnableOption "docker"; }
"#,
        "pad",
        &["my.docker.enable=true"],
        &expect![[r#"
            note: imports modules/docker.nix into hosts/pad/configuration.nix
            --- a/hosts/pad/configuration.nix
            +++ b/hosts/pad/configuration.nix
            @@ -1,5 +1,7 @@
             { inputs, ... }: {
               imports = with inputs; [
                 nixos-hardware.nixosModules.lenovo-thinkpad-x270
            +    ../../modules/docker.nix
               ];
            +  my.docker.enable = true;
             }
        "#]],
    );
}

/// A host file that is data for a helper (hlissner's `hosts/<name>/default.nix`):
/// `modules = { … }` are its settings, `config` and `hardware` are modules of their own.
const HOST_DATA_FLEET: &str = r#"
//- hosts/udon/default.nix
{ hey, lib, ... }:
{
  system = "x86_64-linux";
  imports = [ ../../modules/shell.nix ];

  modules = {
    shell = {
      direnv.enable = true;
    };
  };

  config = { pkgs, ... }: {
    networking.search = [ "home.example" ];
  };
}
//- modules/shell.nix
{ lib, ... }: with lib; {
  options.modules.shell = {
    direnv.enable = mkBoolOpt false;
    zsh.enable = mkBoolOpt false;
  };
}
"#;

#[test]
fn a_host_file_of_data_with_a_config_function() {
    check_set(
        HOST_DATA_FLEET,
        "udon",
        &["modules.shell.direnv.enable=false", "modules.shell.zsh.enable=true"],
        &expect![[r#"
            --- a/hosts/udon/default.nix
            +++ b/hosts/udon/default.nix
            @@ -5,7 +5,8 @@

               modules = {
                 shell = {
            -      direnv.enable = true;
            +      direnv.enable = false;
            +      zsh.enable = true;
                 };
               };

        "#]],
    );
}

#[test]
fn flips_a_snowfall_enabled_in_its_own_words() {
    let fixture = r#"
//- flake.nix
{
  inputs.snowfall-lib.url = "github:snowfallorg/lib";
  outputs = inputs: inputs.snowfall-lib.mkFlake { inherit inputs; src = ./.; };
}
//- systems/x86_64-linux/laptop/default.nix
{ lib, ... }:
with lib.internal; {
  plusultra.archetypes = {
    workstation = enabled;
  };
}
//- modules/nixos/archetypes/default.nix
{ lib, ... }: {
  options.plusultra.archetypes.workstation.enable = lib.mkEnableOption "workstation";
  options.plusultra.archetypes.gaming.enable = lib.mkEnableOption "gaming";
}
"#;
    check_set(
        fixture,
        "laptop",
        &[
            "plusultra.archetypes.workstation.enable=false",
            "plusultra.archetypes.gaming.enable=true",
        ],
        &expect![[r#"
            --- a/systems/x86_64-linux/laptop/default.nix
            +++ b/systems/x86_64-linux/laptop/default.nix
            @@ -1,6 +1,7 @@
             { lib, ... }:
             with lib.internal; {
               plusultra.archetypes = {
            -    workstation = enabled;
            +    workstation = disabled;
            +    gaming.enable = true;
               };
             }
        "#]],
    );
}

/// Hosts in one flat folder sharing a module beside them (mitchellh's machines/).
const SHARED_MODULE_FLEET: &str = r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: let
    mkSystem = name: nixpkgs.lib.nixosSystem { modules = [ ./machines/${name}.nix ]; };
  in {
    nixosConfigurations.vm-arm = mkSystem "vm-arm";
    nixosConfigurations.vm-intel = mkSystem "vm-intel";
  };
}
//- machines/vm-arm.nix
{ config, lib, ... }: {
  imports = [ ./vm-shared.nix ];
}
//- machines/vm-intel.nix
{ config, pkgs, ... }: {
  imports = [ ./vm-shared.nix ];
}
//- machines/vm-shared.nix
{ ... }: {
  services.tailscale.enable = true;
  services.snap.enable = lib.mkDefault true;
  services.flatpak.enable = lib.mkForce true;
}
"#;

#[test]
fn overriding_a_shared_module_forces_the_hosts_setting_or_refuses() {
    check_set(
        SHARED_MODULE_FLEET,
        "vm-arm",
        &["services.tailscale.enable=false", "services.snap.enable=false"],
        &expect![[r#"
            --- a/machines/vm-arm.nix
            +++ b/machines/vm-arm.nix
            @@ -1,3 +1,5 @@
             { config, lib, ... }: {
               imports = [ ./vm-shared.nix ];
            +  services.tailscale.enable = lib.mkForce false;
            +  services.snap.enable = false;
             }
        "#]],
    );
    check_set(
        SHARED_MODULE_FLEET,
        "vm-intel",
        &["services.tailscale.enable=false"],
        &expect![[r#"
            error: `services.tailscale.enable` is set at machines/vm-shared.nix:2, which other hosts share; a setting in machines/vm-intel.nix would conflict with it unless forced above its priority, which the studio cannot write there (no `lib`, or the shared value is already forced); edit it by hand
        "#]],
    );
    check_set(
        SHARED_MODULE_FLEET,
        "vm-arm",
        &["services.flatpak.enable=false"],
        &expect![[r#"
            error: `services.flatpak.enable` is set at machines/vm-shared.nix:4, which other hosts share; a setting in machines/vm-arm.nix would conflict with it unless forced above its priority, which the studio cannot write there (no `lib`, or the shared value is already forced); edit it by hand
        "#]],
    );
}

#[test]
fn a_host_whose_entry_file_is_missing_is_refused_naming_it() {
    check_set(
        r#"
//- flake.nix
{
  outputs = { nixpkgs, ... }: {
    nixosConfigurations.a = nixpkgs.lib.nixosSystem { modules = [ ./hosts/a/configuration.nix ]; };
    nixosConfigurations.b = nixpkgs.lib.nixosSystem { modules = [ ./hosts/b/configuration.nix ]; };
  };
}
//- hosts/a/configuration.nix
{ ... }: { services.openssh.enable = true; }
"#,
        "b",
        &["services.openssh.enable=true"],
        &expect![[r#"
            error: cannot edit hosts/b/configuration.nix: the file does not exist: `b` has no module file of its own to write its settings in
        "#]],
    );
}

#[test]
fn a_module_every_host_gets_through_the_flake_helper_needs_no_import() {
    check_set(
        super::discover::HELPER_WITH_FOLDER_OF_MODULES,
        "udon",
        &["modules.editors.vim.enable=false"],
        &expect![[r#"
            --- a/hosts/udon/default.nix
            +++ b/hosts/udon/default.nix
            @@ -1,5 +1,5 @@
             { ... }: {
               modules = {
            -    editors.vim.enable = true;
            +    editors.vim.enable = false;
               };
             }
        "#]],
    );
    check_set(
        super::discover::HELPER_WITH_FOLDER_OF_MODULES,
        "ramen",
        &["modules.editors.vim.enable=true"],
        &expect![[r#"
            --- a/hosts/ramen/default.nix
            +++ b/hosts/ramen/default.nix
            @@ -1,3 +1,4 @@
             { ... }: {
               modules.editors.emacs.enable = false;
            +  modules.editors.vim.enable = true;
             }
        "#]],
    );
}

#[test]
fn a_host_keeping_the_nixos_module_is_not_given_the_stand_in() {
    check_set(
        super::discover::STAND_IN_FOR_A_NIXOS_MODULE,
        "intel",
        &["virtualisation.vmware.guest.enable=false"],
        &expect![[r#"
            --- a/machines/intel.nix
            +++ b/machines/intel.nix
            @@ -1,3 +1,3 @@
             { ... }: {
            -  virtualisation.vmware.guest.enable = true;
            +  virtualisation.vmware.guest.enable = false;
             }
        "#]],
    );
}

/// Hosts whose modules are the flake's own, written inline in flake-parts modules.
const DENDRITIC: &str = r#"
//- flake.nix
{ outputs = inputs: inputs.flake-parts.lib.mkFlake { inherit inputs; } (inputs.import-tree ./modules); }
//- modules/hosts/rasp.nix
{ inputs, config, ... }:
{
  flake.nixosConfigurations.rasp = inputs.nixpkgs.lib.nixosSystem {
    modules = [ config.flake.modules.nixos.rasp ];
  };
  flake.modules.nixos.rasp = { lib, ... }: {
    imports = [ config.flake.modules.nixos.base ];
    boot.loader.grub.enable = false;
  };
  flake.modules.homeManager.rasp = { programs.kitty.enable = true; };
}
//- modules/dns.nix
{
  flake.modules.nixos.rasp = {
    services.blocky.enable = true;
  };
  flake.modules.nixos.rasp.services.resolved.enable = false;
}
//- modules/base.nix
{
  flake.modules.nixos.base = { lib, ... }: {
    options.my.docker.enable = lib.mkEnableOption "docker";
    config.services.openssh.enable = true;
  };
  flake.modules.nixos.extra = { lib, ... }: {
    options.my.extra.enable = lib.mkEnableOption "extra";
  };
}
"#;

#[test]
fn edits_the_flake_own_modules_of_a_dendritic_host() {
    check_set(
        DENDRITIC,
        "rasp",
        &[
            "my.docker.enable=true",
            "services.blocky.enable=false",
            "boot.loader.grub.enable=true",
            "services.resolved.enable=true",
        ],
        &expect![[r#"
            --- a/modules/dns.nix
            +++ b/modules/dns.nix
            @@ -1,6 +1,6 @@
             {
               flake.modules.nixos.rasp = {
            -    services.blocky.enable = true;
            +    services.blocky.enable = false;
               };
            -  flake.modules.nixos.rasp.services.resolved.enable = false;
            +  flake.modules.nixos.rasp.services.resolved.enable = true;
             }
            --- a/modules/hosts/rasp.nix
            +++ b/modules/hosts/rasp.nix
            @@ -5,7 +5,8 @@
               };
               flake.modules.nixos.rasp = { lib, ... }: {
                 imports = [ config.flake.modules.nixos.base ];
            -    boot.loader.grub.enable = false;
            +    boot.loader.grub.enable = true;
            +    my.docker.enable = true;
               };
               flake.modules.homeManager.rasp = { programs.kitty.enable = true; };
             }
        "#]],
    );
    check_unset(
        DENDRITIC,
        "rasp",
        "services.resolved.enable",
        &expect![[r#"
            --- a/modules/dns.nix
            +++ b/modules/dns.nix
            @@ -2,5 +2,4 @@
               flake.modules.nixos.rasp = {
                 services.blocky.enable = true;
               };
            -  flake.modules.nixos.rasp.services.resolved.enable = false;
             }
        "#]],
    );
    check_unset(
        DENDRITIC,
        "rasp",
        "services.blocky.enable",
        &expect![[r#"
            --- a/modules/dns.nix
            +++ b/modules/dns.nix
            @@ -1,6 +1,5 @@
             {
               flake.modules.nixos.rasp = {
            -    services.blocky.enable = true;
               };
               flake.modules.nixos.rasp.services.resolved.enable = false;
             }
        "#]],
    );
    check_set(
        DENDRITIC,
        "rasp",
        &["my.extra.enable=true"],
        &expect![[r#"
            error: cannot edit modules/hosts/rasp.nix: `my.extra.enable` is declared in the flake's own module `modules.nixos.extra`, which the host does not import; add it to the host's imports first
        "#]],
    );
    check_set(
        &format!(
            "{DENDRITIC}//- modules/hosts/pi.nix\n{}",
            "{ flake.nixosConfigurations.pi = inputs.nixpkgs.lib.nixosSystem { modules = [ config.flake.modules.nixos.pi ]; };\n  flake.modules.nixos.pi.imports = [ config.flake.modules.nixos.base ]; }\n"
        ),
        "pi",
        &["my.docker.enable=true"],
        &expect![[r#"
            error: cannot edit modules/hosts/pi.nix: the file only binds into `flake.modules.nixos.pi` (`flake.modules.nixos.pi.<name> = …;`); a new setting needs the module written as a set, `flake.modules.nixos.pi = { … };`
        "#]],
    );
    let files = fileset(DENDRITIC);
    let error = remove_host(&files, &discover(&files), "rasp").unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot edit modules/hosts/rasp.nix: host `rasp` is the flake's own module `modules.nixos.rasp`; the studio only sets its toggles"
    );
}
