//! The CLI's renderings: the `--json` shape, the summary table, one host's toggles.

use expect_test::expect;
use shared::fleet::{discover, report};

use super::{SMALL_FLEET, fileset};

fn keys(value: &serde_json::Value) -> Vec<&str> {
    value.as_object().unwrap().keys().map(String::as_str).collect()
}

#[test]
fn json_has_the_documented_keys() {
    let fleet = discover(&fileset(SMALL_FLEET));
    let json = serde_json::to_value(&fleet).unwrap();
    expect![[r#"["dependencies", "hardware_profiles", "hosts", "optional_modules", "options", "problems", "templates"]"#]]
    .assert_eq(&format!("{:?}", keys(&json)));
    expect![[r#"["entry", "hardware_profile", "hardware_profiles", "imports", "inputs", "name", "nixos_hardware", "template", "values"]"#]]
        .assert_eq(&format!("{:?}", keys(&json["hosts"][0])));
    expect![[r#"["category", "declared_in", "default", "description", "hosts", "kind", "path", "range", "toggle", "undeclared"]"#]]
        .assert_eq(&format!("{:?}", keys(&json["options"][0])));
    let value = &json["hosts"][0]["values"]["features.development.python"];
    expect![[r#"{"binding_range":{"end":464,"start":437},"file":"hosts/alpha/configuration.nix","inner_range":{"end":463,"start":458},"line":16,"priority":{"level":50,"wrapper":"mkForce"},"range":{"end":463,"start":446},"shared":false,"value":{"type":"bool","value":false}}"#]]
        .assert_eq(&value.to_string());
}

#[test]
fn summary_and_host_listing() {
    let fleet = discover(&fileset(SMALL_FLEET));
    expect![[r#"
        HOST   ENTRY                          TEMPLATE     HARDWARE                 TOGGLES
        alpha  hosts/alpha/configuration.nix  workstation  amd (+1 nixos-hardware)  5
        gamma  hosts/gamma/configuration.nix  server       -                        2
        delta  hosts/delta/default.nix        -            intel                    0

        3 hosts, 8 options (7 toggles), 2 dependencies, 2 problems
          hosts/gamma/configuration.nix: dynamic import `builtins.readDir ./nixos`, not followed
          modules/broken.nix: does not parse: unexpected TOKEN_SEMICOLON at 14..15, wanted any of [TOKEN_L_PAREN, TOKEN_REC, TOKEN_L_BRACE, TOKEN_L_BRACK, TOKEN_STRING_START, TOKEN_IDENT]
    "#]].assert_eq(&report::summary(&fleet));
    expect![[r#"
        host gamma (hosts/gamma/configuration.nix)
        CATEGORY     OPTION                           VALUE              SOURCE                           AVAILABLE
        boot         boot.loader.systemd-boot.enable  -                  not set (NixOS default)          yes
        desktop      features.desktop.manager         "none"             default                          no (needs modules/desktop/gnome.nix)
        development  features.development.enable      false (mkDefault)  hosts/gamma/configuration.nix:7  yes
        development  features.development.python      true (mkDefault)   templates/server.nix:3 [shared]  yes
        services     services.docker.enable           false              default                          no (needs modules/services/docker.nix)
        services     services.docker.rootless         false              default                          no (needs modules/services/docker.nix)
        virt         features.virt.enable             false              default                          no (needs modules/virt.nix)
    "#]].assert_eq(&report::host_toggles(&fleet, "gamma").unwrap());
    expect!["unknown host `zeta`; hosts are: alpha, gamma, delta"]
        .assert_eq(&report::host_toggles(&fleet, "zeta").unwrap_err());
}

#[test]
fn host_listing_shows_nixos_hardware_and_optional_modules() {
    let fleet = discover(&fileset(
        r#"
//- hosts/atlas/default.nix
{ inputs, ... }: {
  imports = [ inputs.hardware.nixosModules.common-cpu-amd ../common/optional/pipewire.nix ];
}
//- hosts/common/optional/pipewire.nix
{ services.pipewire.enable = true; }
//- hosts/common/optional/tlp.nix
{ services.tlp.enable = true; }
"#,
    ));
    expect![[r#"
        host atlas (hosts/atlas/default.nix)
        CATEGORY  OPTION  VALUE  SOURCE  AVAILABLE

        nixos-hardware: common-cpu-amd

        OPTIONAL MODULE  STATE  FILE
        pipewire         on     hosts/common/optional/pipewire.nix
        tlp              off    hosts/common/optional/tlp.nix
    "#]]
    .assert_eq(&report::host_toggles(&fleet, "atlas").unwrap());
}
