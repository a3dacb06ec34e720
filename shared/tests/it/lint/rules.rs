//! One snapshot test per rule: what it finds, what it leaves alone, what its fix gives.

use expect_test::{Expect, expect};
use shared::lint::{Config, Rule, lint};

use super::render;

/// Lints `fixture` and shows only the findings of `rule`.
#[track_caller]
fn check(rule: &str, fixture: &str, expected: &Expect) {
    let rule = Rule::from_code(rule).expect("a known rule code");
    let diagnostics: Vec<_> =
        lint(fixture, &Config::default()).into_iter().filter(|d| d.rule == rule).collect();
    expected.assert_eq(&render(fixture, &diagnostics));
}

#[test]
fn bool_comparison() {
    check(
        "bool_comparison",
        r#"{ a = x == true; b = false != y.z; c = f x == false; d = x == 1; e = true; }"#,
        &expect![[r#"
            bool_comparison 1:7-1:16 warning: comparison with `true`; use `x` instead
              fix (safe): { a = x; b = false != y.z; c = f x == false; d = x == 1; e = true; }
            bool_comparison 1:22-1:34 warning: comparison with `false`; use `y.z` instead
              fix (safe): { a = x == true; b = y.z; c = f x == false; d = x == 1; e = true; }
            bool_comparison 1:40-1:52 warning: comparison with `false`; use `!(f x)` instead
              fix (safe): { a = x == true; b = false != y.z; c = !(f x); d = x == 1; e = true; }
        "#]],
    );
}

#[test]
fn empty_let_in() {
    check(
        "empty_let_in",
        "let\nin\n{ a = 1; }\n",
        &expect![[r#"
        empty_let_in 1:1-3:11 warning: this `let` binds nothing
          fix (safe): { a = 1; }
    "#]],
    );
    check(
        "empty_let_in",
        "let\n  # why\nin 1\n",
        &expect![[r#"
        empty_let_in 1:1-3:5 warning: this `let` binds nothing
          fix (needs review): 1
    "#]],
    );
    check("empty_let_in", "let a = 1; in a\n", &expect![[r#""#]]);
}

#[test]
fn manual_inherit() {
    check(
        "manual_inherit",
        "{ pkgs = pkgs; a.b = a; c = d; }\n",
        &expect![[r#"
        manual_inherit 1:3-1:15 info: `pkgs = pkgs;` can be `inherit pkgs;`
          fix (safe): { inherit pkgs; a.b = a; c = d; }
    "#]],
    );
    check(
        "manual_inherit",
        "rec { x = x; }\n",
        &expect![[r#"
        manual_inherit 1:7-1:13 info: `x = x;` refers to itself here (infinite recursion); `inherit x;` reads the outer `x`
    "#]],
    );
    check(
        "manual_inherit",
        "let x = x; in x\n",
        &expect![[r#"
        manual_inherit 1:5-1:11 info: `x = x;` refers to itself here (infinite recursion); `inherit x;` reads the outer `x`
    "#]],
    );
}

#[test]
fn manual_inherit_from() {
    check(
        "manual_inherit_from",
        "{ mkIf = lib.mkIf; b = a.c; d = a.d or 1; e = a.x.e; }\n",
        &expect![[r#"
        manual_inherit_from 1:3-1:19 info: `mkIf = lib.mkIf;` can be `inherit (lib) mkIf;`
          fix (safe): { inherit (lib) mkIf; b = a.c; d = a.d or 1; e = a.x.e; }
    "#]],
    );
}

#[test]
fn legacy_let_syntax() {
    check(
        "legacy_let_syntax",
        "let { x = 1; body = x; }\n",
        &expect![[r#"
        legacy_let_syntax 1:1-1:25 warning: the `let { }` syntax is deprecated; use `let ... in`
          fix (safe): rec { x = 1; body = x; }.body
    "#]],
    );
    check(
        "legacy_let_syntax",
        "let { x = 1; }\n",
        &expect![[r#"
        legacy_let_syntax 1:1-1:15 warning: the `let { }` syntax is deprecated; use `let ... in`
    "#]],
    );
}

#[test]
fn collapsible_let_in() {
    check(
        "collapsible_let_in",
        "let\n  a = 1;\nin\nlet\n  b = 2;\nin\na + b\n",
        &expect![[r#"
        collapsible_let_in 4:1-7:6 info: this `let` can be merged into the `let` above
          fix (safe): let
              a = 1;
              b = 2;
            in
            a + b
    "#]],
    );
    check(
        "collapsible_let_in",
        "let a = 1; in let a = 2; in a\n",
        &expect![[r#"
        collapsible_let_in 1:15-1:30 info: this `let` can be merged into the `let` above
    "#]],
    );
    check(
        "collapsible_let_in",
        "let a = b; in let b = 2; in a\n",
        &expect![[r#"
        collapsible_let_in 1:15-1:30 info: this `let` can be merged into the `let` above
    "#]],
    );
}

#[test]
fn eta_reduction() {
    check(
        "eta_reduction",
        "map (x: toString x) xs\n",
        &expect![[r#"
        eta_reduction 1:6-1:19 info: `x: toString x` is just `toString`
          fix (safe): map (toString) xs
    "#]],
    );
    check("eta_reduction", "map (x: f x x) xs\n", &expect![[r#""#]]);
    check("eta_reduction", "map (x: x.f x) xs\n", &expect![[r#""#]]);
    check("eta_reduction", "map ({ x }: f x) xs\n", &expect![[r#""#]]);
}

#[test]
fn useless_parens() {
    check(
        "useless_parens",
        "let double = (x: 2 * x); in (map (double) [ (1) ((2)) ]) ++ (f x) ++ (a.b or c)\n",
        &expect![[r#"
            useless_parens 1:14-1:24 info: useless parentheses around the value of a binding
              fix (safe): let double = x: 2 * x; in (map (double) [ (1) ((2)) ]) ++ (f x) ++ (a.b or c)
            useless_parens 1:29-1:57 info: useless parentheses around a function application in an operator
              fix (safe): let double = (x: 2 * x); in map (double) [ (1) ((2)) ] ++ (f x) ++ (a.b or c)
            useless_parens 1:34-1:42 info: useless parentheses around a simple expression
              fix (safe): let double = (x: 2 * x); in (map double [ (1) ((2)) ]) ++ (f x) ++ (a.b or c)
            useless_parens 1:49-1:54 info: useless parentheses around a simple expression
              fix (safe): let double = (x: 2 * x); in (map (double) [ (1) (2) ]) ++ (f x) ++ (a.b or c)
            useless_parens 1:61-1:66 info: useless parentheses around a function application in an operator
              fix (safe): let double = (x: 2 * x); in (map (double) [ (1) ((2)) ]) ++ f x ++ (a.b or c)
        "#]],
    );
    check("useless_parens", "(a.b or c).d\n", &expect![[r#""#]]);
}

#[test]
fn empty_pattern() {
    check(
        "empty_pattern",
        "{ ... }: { }\n",
        &expect![[r#"
        empty_pattern 1:1-1:8 info: this pattern names nothing; use `_`
          fix (safe): _: { }
    "#]],
    );
    check(
        "empty_pattern",
        "{ }: 1\n",
        &expect![[r#"
        empty_pattern 1:1-1:4 info: this pattern names nothing; use `_`
          fix (needs review): _: 1
    "#]],
    );
    check("empty_pattern", "{ a, ... }: a\n", &expect![[r#""#]]);
    check("empty_pattern", "{ ... }: { imports = [ ./a.nix ]; }\n", &expect![[r#""#]]);
    check("empty_pattern", "{ ... }@args: args\n", &expect![[r#""#]]);
}

#[test]
fn redundant_pattern_bind() {
    check(
        "redundant_pattern_bind",
        "{ ... }@inputs: inputs.nixpkgs\n",
        &expect![[r#"
        redundant_pattern_bind 1:1-1:15 info: this pattern only binds `inputs`; use `inputs:`
          fix (safe): inputs: inputs.nixpkgs
    "#]],
    );
    check(
        "redundant_pattern_bind",
        "inputs@{ ... }: inputs\n",
        &expect![[r#"
        redundant_pattern_bind 1:1-1:15 info: this pattern only binds `inputs`; use `inputs:`
          fix (safe): inputs: inputs
    "#]],
    );
    check("redundant_pattern_bind", "{ self, ... }@inputs: inputs\n", &expect![[r#""#]]);
}

#[test]
fn unquoted_uri() {
    check(
        "unquoted_uri",
        "{ url = https://example.org/a.tar.gz; ok = \"https://x\"; }\n",
        &expect![[r#"
        unquoted_uri 1:9-1:37 warning: unquoted URL; write it as a string
          fix (safe): { url = "https://example.org/a.tar.gz"; ok = "https://x"; }
    "#]],
    );
}

#[test]
fn empty_inherit() {
    check(
        "empty_inherit",
        "{\n  inherit;\n  a = 1;\n  inherit (x);\n  inherit b;\n}\n",
        &expect![[r#"
        empty_inherit 2:3-2:11 info: this `inherit` names nothing
          fix (safe): {
              a = 1;
              inherit (x);
              inherit b;
            }
        empty_inherit 4:3-4:15 info: this `inherit` names nothing
          fix (safe): {
              inherit;
              a = 1;
              inherit b;
            }
    "#]],
    );
}

#[test]
fn deprecated_to_path() {
    check(
        "deprecated_to_path",
        "[ (builtins.toPath \"/etc\") (toPath x) (builtins.toString x) ]\n",
        &expect![[r#"
        deprecated_to_path 1:4-1:26 warning: `builtins.toPath` is deprecated
        deprecated_to_path 1:29-1:37 warning: `builtins.toPath` is deprecated
    "#]],
    );
}

#[test]
fn bool_simplification() {
    check(
        "bool_simplification",
        "[ (!(a == b)) (!(a != b)) (!a) ]\n",
        &expect![[r#"
        bool_simplification 1:4-1:13 warning: `!(a == b)` is `a != b`: use `a != b`
          fix (safe): [ (a != b) (!(a != b)) (!a) ]
    "#]],
    );
}

#[test]
fn useless_has_attr() {
    check(
        "useless_has_attr",
        "[ (if cfg ? port then cfg.port else 8080) (if a ? b.c then a.b.c else f x) (if a ? b then c.b else 1) ]\n",
        &expect![[r#"
            useless_has_attr 1:4-1:41 warning: use `cfg.port or 8080`
              fix (safe): [ (cfg.port or 8080) (if a ? b.c then a.b.c else f x) (if a ? b then c.b else 1) ]
            useless_has_attr 1:44-1:74 warning: use `a.b.c or (f x)`
              fix (safe): [ (if cfg ? port then cfg.port else 8080) (a.b.c or (f x)) (if a ? b then c.b else 1) ]
        "#]],
    );
}

#[test]
fn repeated_keys() {
    check(
        "repeated_keys",
        "{\n  services.a.enable = true;\n  services.b.enable = true;\n  services.c.enable = true;\n  boot.x = 1;\n  boot.y = 2;\n}\n",
        &expect![[r#"
            repeated_keys 2:3-2:11 info: the key `services` starts 3 bindings; nest them as `services = { ... };`
        "#]],
    );
}

#[test]
fn empty_list_concat() {
    check(
        "empty_list_concat",
        "{ a = [ ] ++ b; c = d ++ []; e = [ 1 ] ++ f; }\n",
        &expect![[r#"
        empty_list_concat 1:7-1:15 warning: concatenation with an empty list does nothing
          fix (safe): { a = b; c = d ++ []; e = [ 1 ] ++ f; }
        empty_list_concat 1:21-1:28 warning: concatenation with an empty list does nothing
          fix (safe): { a = [ ] ++ b; c = d; e = [ 1 ] ++ f; }
    "#]],
    );
}

#[test]
fn unused_let_binding() {
    check(
        "unused_let_binding",
        "let\n  a = 1;\n  b = 2;\nin\nb\n",
        &expect![[r#"
        unused_let_binding 2:3-2:4 warning: unused let binding `a`
          fix (safe): let
              b = 2;
            in
            b
    "#]],
    );
    check(
        "unused_let_binding",
        "let a = 1; b = a; in 2\n",
        &expect![[r#"
        unused_let_binding 1:5-1:6 warning: unused let binding `a`
          fix (safe): 2
        unused_let_binding 1:12-1:13 warning: unused let binding `b`
          fix (safe): 2
    "#]],
    );
    check(
        "unused_let_binding",
        "let inherit (pkgs) lib hello; in lib\n",
        &expect![[r#"
        unused_let_binding 1:24-1:29 warning: unused let binding `hello`
          fix (safe): let inherit (pkgs) lib; in lib
    "#]],
    );
    check(
        "unused_let_binding",
        "let a = 1; b = \"${a}\"; c = { inherit b; }; in c\n",
        &expect![[r#""#]],
    );
    check(
        "unused_let_binding",
        "let\n  # deadnix: skip\n  a = 1;\n  b = 2;\nin\n3\n",
        &expect![[r#"
        unused_let_binding 4:3-4:4 warning: unused let binding `b`
          fix (safe): let
              # deadnix: skip
              a = 1;
            in
            3
    "#]],
    );
    check(
        "unused_let_binding",
        "let a = 1; in let a = 2; in a\n",
        &expect![[r#"
        unused_let_binding 1:5-1:6 warning: unused let binding `a`
          fix (safe): let a = 2; in a
    "#]],
    );
    check(
        "unused_let_binding",
        "let f = n: f (n - 1); in 1\n",
        &expect![[r#"
        unused_let_binding 1:5-1:6 warning: unused let binding `f`
          fix (safe): 1
    "#]],
    );
    // As deadnix 1.3: attribute names are not uses, and a `let` only used by an unused
    // `inherit (from)` is unused too.
    check(
        "unused_let_binding",
        "let mkIf = 1; in { x = lib.mkIf; mkIf = 2; }\n",
        &expect![[r#"
        unused_let_binding 1:5-1:9 warning: unused let binding `mkIf`
          fix (safe): { x = lib.mkIf; mkIf = 2; }
    "#]],
    );
    check(
        "unused_let_binding",
        "let v = import ./v.nix; inherit (v) u; in 1\n",
        &expect![[r#"
        unused_let_binding 1:5-1:6 warning: unused let binding `v`
          fix (safe): 1
        unused_let_binding 1:37-1:38 warning: unused let binding `u`
          fix (safe): 1
    "#]],
    );
    check(
        "unused_let_binding",
        "let x = 1; in rec { x = 2; y = x; }\n",
        &expect![[r#"
        unused_let_binding 1:5-1:6 warning: unused let binding `x`
          fix (safe): rec { x = 2; y = x; }
    "#]],
    );
}

#[test]
fn unused_lambda_arg() {
    check(
        "unused_lambda_arg",
        "map (name: \"fixed\") names\n",
        &expect![[r#"
        unused_lambda_arg 1:6-1:10 warning: unused lambda argument `name`
          fix (safe): map (_: "fixed") names
    "#]],
    );
    check(
        "unused_lambda_arg",
        "[ (_x: 1) (x: x) (x: _: x) (y: _) ]\n",
        &expect![[r#"
        unused_lambda_arg 1:29-1:30 warning: unused lambda argument `y`
          fix (safe): [ (_x: 1) (x: x) (x: _: x) (_y: _) ]
    "#]],
    );
}

#[test]
fn unused_pattern_name() {
    check(
        "unused_pattern_name",
        "{ config, lib, pkgs, ... }: { x = pkgs.hello; }\n",
        &expect![[r#"
        unused_pattern_name 1:3-1:9 warning: unused lambda pattern name `config`
          fix (needs review): { lib, pkgs, ... }: { x = pkgs.hello; }
        unused_pattern_name 1:11-1:14 warning: unused lambda pattern name `lib`
          fix (needs review): { config, pkgs, ... }: { x = pkgs.hello; }
    "#]],
    );
    check(
        "unused_pattern_name",
        "{\n  config,\n  lib,\n  ...\n}:\nconfig\n",
        &expect![[r#"
        unused_pattern_name 3:3-3:6 warning: unused lambda pattern name `lib`
          fix (needs review): {
              config,
              ...
            }:
            config
    "#]],
    );
    check(
        "unused_pattern_name",
        "{ config\n, lib\n, ...\n}:\nconfig\n",
        &expect![[r#"
        unused_pattern_name 2:3-2:6 warning: unused lambda pattern name `lib`
          fix (needs review): { config
            , ...
            }:
            config
    "#]],
    );
    check("unused_pattern_name", "{ a, b ? a }: b\n", &expect![[r#""#]]);
}

#[test]
fn unused_at_bind() {
    check(
        "unused_at_bind",
        "[ ({ pkgs, ... }@args: pkgs) (args @ { pkgs, ... }: pkgs) ({ ... }@a: a) ]\n",
        &expect![[r#"
        unused_at_bind 1:18-1:22 warning: unused `@` binding `args`
          fix (safe): [ ({ pkgs, ... }: pkgs) (args @ { pkgs, ... }: pkgs) ({ ... }@a: a) ]
        unused_at_bind 1:31-1:35 warning: unused `@` binding `args`
          fix (safe): [ ({ pkgs, ... }@args: pkgs) ({ pkgs, ... }: pkgs) ({ ... }@a: a) ]
    "#]],
    );
}

#[test]
fn mkif_true() {
    check(
        "mkif_true",
        "{ a = lib.mkIf cfg.vpn true; b = mkIf c false; c = mkIf (x && y) true; }\n",
        &expect![[r#"
        mkif_true 1:7-1:28 warning: `mkIf cfg.vpn true` is `cfg.vpn`
          fix (needs review): { a = cfg.vpn; b = mkIf c false; c = mkIf (x && y) true; }
        mkif_true 1:52-1:70 warning: `mkIf (x && y) true` is `(x && y)`
          fix (needs review): { a = lib.mkIf cfg.vpn true; b = mkIf c false; c = (x && y); }
    "#]],
    );
}

#[test]
fn with_overuse() {
    check(
        "with_overuse",
        "with lib; with pkgs; [ a ]\n",
        &expect![[r#"
        with_overuse 1:1-1:10 info: stacked `with`: names below can come from either set
    "#]],
    );
    check(
        "with_overuse",
        "{ lib, ... }:\nwith lib;\n{\n  a = 1;\n  b = 2;\n  c = 3;\n  d = 4;\n  e = 5;\n  f = 6;\n  g = 7;\n}\n",
        &expect![[r#"
            with_overuse 2:1-2:10 info: this `with` covers 9 of 11 lines; prefer `inherit (...)` or a narrow `with`
        "#]],
    );
    check(
        "with_overuse",
        "{ pkgs, ... }:\n{\n  a = 1;\n  b = 2;\n  c = 3;\n  d = 4;\n  e = 5;\n  f = 6;\n  x = with pkgs; [ git ];\n}\n",
        &expect![[r#""#]],
    );
}

#[test]
fn dangerous_rec() {
    check(
        "dangerous_rec",
        "rec { pkgs = pkgs.extend f; v = version; version = \"1\"; }\n",
        &expect![[r#"
        dangerous_rec 1:14-1:18 warning: `pkgs` refers to itself here, not to an outer `pkgs`: infinite recursion
    "#]],
    );
    check(
        "dangerous_rec",
        "rec { name = \"x\"; version = \"1\"; }\n",
        &expect![[r#"
        dangerous_rec 1:1-1:4 warning: `rec` is not needed: no attribute refers to another
          fix (safe): { name = "x"; version = "1"; }
    "#]],
    );
    check("dangerous_rec", "rec { f = n: f n; a = { b = a.c; c = 1; }; }\n", &expect![[r#""#]]);
    check(
        "dangerous_rec",
        "rec { a = 1; b = x: let a = 2; in a; }\n",
        &expect![[r#"
        dangerous_rec 1:1-1:4 warning: `rec` is not needed: no attribute refers to another
          fix (safe): { a = 1; b = x: let a = 2; in a; }
    "#]],
    );
}

#[test]
fn import_from_derivation() {
    check(
        "import_from_derivation",
        "let src = pkgs.fetchFromGitHub { }; in [ (import \"${src}/x.nix\") (import (pkgs.runCommand \"x\" { } \"\")) (import (builtins.fetchTarball u)) (import ./x.nix) ]\n",
        &expect![[r#"
            import_from_derivation 1:43-1:64 warning: `import` of a derivation forces a build during evaluation (IFD)
            import_from_derivation 1:67-1:102 warning: `import` of a derivation forces a build during evaluation (IFD)
        "#]],
    );
}

#[test]
fn eval_time_secret() {
    check(
        "eval_time_secret",
        "{ a = builtins.readFile config.age.secrets.wifi.path; b = builtins.readFile ../../secrets/token.txt; c = builtins.readFile ./motd.txt; d = readFile \"/run/agenix/x\"; }\n",
        &expect![[r#"
            eval_time_secret 1:7-1:53 error: secret read at evaluation time ends up in the world-readable Nix store; pass its path to a `*File` option
            eval_time_secret 1:59-1:100 error: secret read at evaluation time ends up in the world-readable Nix store; pass its path to a `*File` option
            eval_time_secret 1:140-1:164 error: secret read at evaluation time ends up in the world-readable Nix store; pass its path to a `*File` option
        "#]],
    );
}

#[test]
fn inline_secret() {
    check(
        "inline_secret",
        "{ password = \"hunter2\"; passwordFile = \"/run/x\"; hashedPassword = \"$6$x\"; services.x.apiKey = lib.mkForce \"abc\"; token = \"\"; secretName = \"x\"; authKey = \"${config.x}\"; }\n",
        &expect![[r#"
            inline_secret 1:14-1:23 error: `password` holds a secret in plain text; use a secret manager and a `*File` option
            inline_secret 1:107-1:112 error: `apiKey` holds a secret in plain text; use a secret manager and a `*File` option
        "#]],
    );
    check(
        "inline_secret",
        "{ home.pskRaw = \"@PSK_HOME@\"; work.psk = \"ext:psk_work\"; cafe.psk = \"@open sesame@\"; auth.htpasswd_encryption = \"plain\"; }\n",
        &expect![[r#"
            inline_secret 1:69-1:84 error: `psk` holds a secret in plain text; use a secret manager and a `*File` option
        "#]],
    );
}

#[test]
fn auto_discovery() {
    check(
        "auto_discovery",
        "let modules = builtins.attrNames (builtins.readDir ./modules); in { imports = map (m: ./modules + \"/${m}\") modules; }\n",
        &expect![[r#"
            auto_discovery 1:69-1:116 warning: `imports` built from `readDir`: list the modules explicitly
        "#]],
    );
    check("auto_discovery", "{ imports = [ ./a.nix ]; }\n", &expect![[r#""#]]);
}

#[test]
fn root_service() {
    check(
        "root_service",
        "{ config = lib.mkIf cfg.enable { systemd.services.backup = { serviceConfig = { ExecStart = \"x\"; }; }; systemd.services.web.serviceConfig = { DynamicUser = true; }; systemd.user.services.u.serviceConfig = { }; systemd.services.db = { serviceConfig = { }; serviceConfig.User = \"db\"; }; }; }\n",
        &expect![[r#"
            root_service 1:62-1:99 warning: systemd service `backup` runs as root: set `User` or `DynamicUser = true`
        "#]],
    );
}

#[test]
fn firewall_disabled() {
    check(
        "firewall_disabled",
        "{ networking.firewall.enable = false; networking = { firewall = { enable = lib.mkForce false; allowedTCPPortRanges = [ { from = 1; to = 65535; } ]; }; }; services.x.enable = false; }\n",
        &expect![[r#"
            firewall_disabled 1:3-1:38 warning: the firewall is disabled; open only the ports you need
            firewall_disabled 1:67-1:94 warning: the firewall is disabled; open only the ports you need
            firewall_disabled 1:95-1:148 warning: this port range opens every port
        "#]],
    );
}

#[test]
fn nix_env_usage() {
    check(
        "nix_env_usage",
        "{ a = \"nix-env -iA nixpkgs.htop\"; b = ''\n  nix-env -p /nix/var/nix/profiles/system --set $out\n  ${pkgs.nix}/bin/nix-env --upgrade\n''; c = \"my-nix-env-tool\"; }\n",
        &expect![[r#"
            nix_env_usage 1:8-1:15 warning: `nix-env` installs imperatively; declare the package in the configuration
            nix_env_usage 3:19-3:26 warning: `nix-env` installs imperatively; declare the package in the configuration
        "#]],
    );
}

#[test]
fn trivial_wrapper() {
    check(
        "trivial_wrapper",
        "let mkIf = c: x: lib.mkIf c x; mkMerge = lib.mkMerge; wrap = x: f x; keep = x: f x 1; homelab = config.homelab; in { mkForce = lib.mkForce; }\n",
        &expect![[r#"
            trivial_wrapper 1:5-1:31 info: `mkIf` only passes its arguments to `lib.mkIf`
              fix (safe): let inherit (lib) mkIf; mkMerge = lib.mkMerge; wrap = x: f x; keep = x: f x 1; homelab = config.homelab; in { mkForce = lib.mkForce; }
            trivial_wrapper 1:32-1:54 info: `mkMerge = lib.mkMerge;` only renames; use `inherit`
              fix (safe): let mkIf = c: x: lib.mkIf c x; inherit (lib) mkMerge; wrap = x: f x; keep = x: f x 1; homelab = config.homelab; in { mkForce = lib.mkForce; }
            trivial_wrapper 1:55-1:69 info: `wrap` only passes its arguments to `f`
              fix (safe): let mkIf = c: x: lib.mkIf c x; mkMerge = lib.mkMerge; wrap = f; keep = x: f x 1; homelab = config.homelab; in { mkForce = lib.mkForce; }
        "#]],
    );
}

#[test]
fn monolithic_file() {
    let long = format!("{{\n{}}}\n", "  a = 1;\n".repeat(600));
    check(
        "monolithic_file",
        &long,
        &expect![[r#"
        monolithic_file 1:1-1:2 info: this file has 602 lines (limit 500); split it into modules
    "#]],
    );
    check("monolithic_file", "{ }\n", &expect![[r#""#]]);
}

#[test]
fn option_without_description() {
    check(
        "option_without_description",
        "{ a = mkOption { type = types.port; }; b = lib.mkOption { description = \"x\"; }; c = mkEnableOption \"y\"; }\n",
        &expect![[r#"
            option_without_description 1:7-1:15 info: this option has no `description`
        "#]],
    );
}

#[test]
fn substituter_without_key() {
    check(
        "substituter_without_key",
        "{ nix.settings.substituters = [ \"https://cache.nixos.org\" \"https://x.cachix.org\" ]; }\n",
        &expect![[r#"
            substituter_without_key 1:3-1:84 warning: this binary cache has no matching `trusted-public-keys` in this file
        "#]],
    );
    check(
        "substituter_without_key",
        "{ nix.settings = { substituters = [ \"https://x.cachix.org\" ]; trusted-public-keys = [ \"x\" ]; }; }\n",
        &expect![[r#""#]],
    );
    check(
        "substituter_without_key",
        "{ my.nix.extra-substituters = { \"https://x.example/public\".key = \"public:x\"; }; }\n",
        &expect![[r#""#]],
    );
}

#[test]
fn syntax_error() {
    check(
        "syntax_error",
        "{ a = 1 }\n",
        &expect![[r#"
        syntax_error 1:9-1:10 error: unexpected TOKEN_R_BRACE at 8..9, wanted any of [TOKEN_SEMICOLON]
        syntax_error 2:1-2:1 error: unexpected end of file, wanted any of [TOKEN_SEMICOLON]
        syntax_error 2:1-2:1 error: unexpected end of file
    "#]],
    );
}

#[test]
fn duplicate_package() {
    check(
        "duplicate_package",
        "{ pkgs, ... }:\n{\n  environment.systemPackages = with pkgs; [\n    git\n    htop\n    git # again\n  ] ++ [ pkgs.jq pkgs.jq ];\n  home.packages = [ a b a ];\n  other = [ x x ];\n  buildInputs = [ (f x) (f x) ];\n}\n",
        &expect![[r#"
            duplicate_package 6:5-6:8 warning: `git` is already in this list
              fix (safe): { pkgs, ... }:
                {
                  environment.systemPackages = with pkgs; [
                    git
                    htop
                    # again
                  ] ++ [ pkgs.jq pkgs.jq ];
                  home.packages = [ a b a ];
                  other = [ x x ];
                  buildInputs = [ (f x) (f x) ];
                }
            duplicate_package 7:18-7:25 warning: `pkgs.jq` is already in this list
              fix (safe): { pkgs, ... }:
                {
                  environment.systemPackages = with pkgs; [
                    git
                    htop
                    git # again
                  ] ++ [ pkgs.jq ];
                  home.packages = [ a b a ];
                  other = [ x x ];
                  buildInputs = [ (f x) (f x) ];
                }
            duplicate_package 8:25-8:26 warning: `a` is already in this list
              fix (safe): { pkgs, ... }:
                {
                  environment.systemPackages = with pkgs; [
                    git
                    htop
                    git # again
                  ] ++ [ pkgs.jq pkgs.jq ];
                  home.packages = [ a b ];
                  other = [ x x ];
                  buildInputs = [ (f x) (f x) ];
                }
        "#]],
    );
}

#[test]
fn native_build_input() {
    check(
        "native_build_input",
        "stdenv.mkDerivation {\n  nativeBuildInputs = [ ninja ];\n  buildInputs = [ pkg-config openssl ] ++ (with pkgs; [ pkgs.cmake zlib makeWrapper ]);\n}\n",
        &expect![[r#"
            native_build_input 3:19-3:29 warning: `pkg-config` runs at build time; move it to `nativeBuildInputs`
            native_build_input 3:57-3:67 warning: `cmake` runs at build time; move it to `nativeBuildInputs`
            native_build_input 3:73-3:84 warning: `makeWrapper` runs at build time; move it to `nativeBuildInputs`
        "#]],
    );
}

#[test]
fn missing_run_hook() {
    check(
        "missing_run_hook",
        "stdenv.mkDerivation {\n  installPhase = ''\n    mkdir -p $out/bin\n    cp tool $out/bin\n  '';\n  buildPhase = ''\n    runHook preBuild\n    make\n    runHook postBuild\n  '';\n  checkPhase = \"make test\";\n  configurePhase = ''\n    runHook preConfigure\n    ./configure\n  '';\n}\n",
        &expect![[r#"
            missing_run_hook 2:3-5:6 warning: `installPhase` does not call `runHook preInstall` or `runHook postInstall`
              fix (needs review): stdenv.mkDerivation {
                  installPhase = ''
                    runHook preInstall
                    mkdir -p $out/bin
                    cp tool $out/bin
                    runHook postInstall
                  '';
                  buildPhase = ''
                    runHook preBuild
                    make
                    runHook postBuild
                  '';
                  checkPhase = "make test";
                  configurePhase = ''
                    runHook preConfigure
                    ./configure
                  '';
                }
            missing_run_hook 11:3-11:28 warning: `checkPhase` does not call `runHook preCheck` or `runHook postCheck`
            missing_run_hook 12:3-15:6 warning: `configurePhase` does not call `runHook postConfigure`
              fix (needs review): stdenv.mkDerivation {
                  installPhase = ''
                    mkdir -p $out/bin
                    cp tool $out/bin
                  '';
                  buildPhase = ''
                    runHook preBuild
                    make
                    runHook postBuild
                  '';
                  checkPhase = "make test";
                  configurePhase = ''
                    runHook preConfigure
                    ./configure
                    runHook postConfigure
                  '';
                }
        "#]],
    );
}

#[test]
fn missing_meta() {
    check(
        "missing_meta",
        "{\n  a = stdenv.mkDerivation { pname = \"a\"; };\n  b = stdenv.mkDerivation (finalAttrs: { pname = \"b\"; meta.description = \"B\"; });\n  c = buildGoModule rec { pname = \"c\"; inherit meta; };\n  d = pkgs.buildRustPackage (let x = 1; in { pname = \"d\"; });\n  e = mkDerivation attrs;\n}\n",
        &expect![[r#"
            missing_meta 2:7-2:43 info: `mkDerivation` without `meta`: add a description, license and platforms
            missing_meta 5:7-5:61 info: `buildRustPackage` without `meta`: add a description, license and platforms
        "#]],
    );
}
